/**
 * Makes the sample essays in resources/samples from the texts in
 * build/samples/texts, with the tools teachers' files come from: pandoc
 * writes .docx, .odt and .rtf; LibreOffice turns an .odt into a .pdf; the
 * Swedish .txt is saved in Windows-1252, as Notepad on a Swedish Windows does.
 *
 *   npm run samples
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const here = import.meta.dirname;
const out = join(here, '../../resources/samples');
const formats = ['docx', 'odt', 'pdf', 'rtf', 'txt', 'docx'] as const;

const batches = [
  { language: 'sv', title: 'Exempeluppsatser: argumenterande och berättande texter', className: '9B', course: 'Svenska' },
  { language: 'en', title: 'Exempeluppsatser: English essays', className: '9B', course: 'Engelska' },
] as const;

const scratch = mkdtempSync(join(tmpdir(), 'huledu-samples-'));
const run = (command: string, args: string[]) => execFileSync(command, args, { cwd: scratch, stdio: 'pipe' });

rmSync(out, { recursive: true, force: true });
const manifest: { batches: unknown[] } = { batches: [] };
for (const batch of batches) {
  const texts = readdirSync(join(here, 'texts', batch.language)).filter((n) => n.endsWith('.md')).sort();
  mkdirSync(join(out, batch.language), { recursive: true });
  const files: string[] = [];
  texts.forEach((name, i) => {
    const source = join(here, 'texts', batch.language, name);
    const format = formats[i % formats.length];
    const target = `${batch.language}/${name.replace(/\.md$/, `.${format}`)}`;
    const markdown = readFileSync(source, 'utf8');
    switch (format) {
      case 'docx':
      case 'odt':
        run('pandoc', [source, '-o', join(out, target)]);
        break;
      case 'rtf':
        run('pandoc', [source, '-s', '-o', join(out, target)]);
        break;
      case 'pdf': {
        const odt = join(scratch, name.replace(/\.md$/, '.odt'));
        run('pandoc', [source, '-o', odt]);
        run('soffice', ['--headless', `-env:UserInstallation=file://${join(scratch, 'profile')}`, '--convert-to', 'pdf', '--outdir', scratch, odt]);
        renameSync(odt.replace(/\.odt$/, '.pdf'), join(out, target));
        break;
      }
      case 'txt': {
        const text = markdown.replace(/^# /, '').replace(/\n/g, '\r\n');
        writeFileSync(join(out, target), batch.language === 'sv' ? Buffer.from(text, 'latin1') : text);
        break;
      }
    }
    files.push(target);
  });
  manifest.batches.push({ title: batch.title, className: batch.className, course: batch.course, language: batch.language, files });
}
writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
rmSync(scratch, { recursive: true, force: true });
console.log(`Wrote ${manifest.batches.length} sample batches to ${out}`);
