import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const folder = mkdtempSync(join(tmpdir(), 'huledu-spell-'));
const file = (name: string, content: string | Buffer) => {
  const path = join(folder, name);
  writeFileSync(path, content);
  return path;
};

function spell(args: string[], stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', 'huledu', '--', 'spell', ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('huledu spell (the CLI through the app\'s pool)', { timeout: 60_000 }, () => {
  it('prints one JSON line per file, in the order given, with `-` read from stdin', async () => {
    const first = file('första.txt', 'Jag tyker om sjuk sköterskor.');
    const second = file('andra.txt', 'Det här är rätt.');
    const { code, stdout } = await spell([second, '-', first, '--lang', 'sv', '--json'], 'Vi bor i sverige.');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.file)).toEqual([second, '-', first]);
    for (const line of lines) {
      expect(Object.keys(line)).toEqual(['file', 'language', 'dictionary', 'words', 'findings', 'correctedText', 'metrics']);
      expect(line.dictionary).toMatch(/^\/.*dictionary-sv\/index\.dic$/);
      for (const f of line.findings) expect(Object.keys(f)).toEqual(['start', 'end', 'text', 'suggestions', 'source', 'category', 'autoCorrect']);
    }
    expect(lines[1].correctedText).toBe('Vi bor i Sverige.');
    expect(lines[2].findings.map((f: { text: string; autoCorrect: boolean }) => [f.text, f.autoCorrect])).toEqual([
      ['tyker', true],
      ['sjuk sköterskor', false],
    ]);
    // Only the confident finding is applied before a teacher decides.
    expect(lines[2].correctedText).toBe('Jag tycker om sjuk sköterskor.');
  });

  it('explains bad input in Swedish and English and exits with 2', async () => {
    const binary = file('bild.docx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0xfe]));
    for (const [args, message] of [
      [['x.txt', '--lang', 'fi'], /--lang måste vara sv eller en \/ --lang must be sv or en/],
      [['--lang', 'sv'], /Ange minst en fil \/ Give at least one file/],
      [[binary], /inte en textfil i UTF-8 \/ .* is not a UTF-8 text file/],
      [[folder], /är en mapp, inte en textfil \/ .* is a folder, not a text file/],
      [[join(folder, 'saknas.txt')], /Filen finns inte \/ No such file/],
    ] as const) {
      await expect(run('npm', ['run', '--silent', 'huledu', '--', 'spell', ...args])).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(message) });
    }
  });
});
