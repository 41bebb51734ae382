import { readFile, stat, writeFile } from 'node:fs/promises';
import { importLimits } from '../../../../shared/contracts/import-limits';
import { ExportFormat } from '../../../../shared/contracts/main/export';
import { translate } from '../../../../shared/i18n';
import { commonOptions, languageOption, parseCommand, UsageError, type Command } from '../command';
import { createCliHost, type CliHost } from '../compose';

/** Puts the app's backup file into the CLI's own database, which starts empty, the way the app restores one. */
async function restore(host: CliHost, file: string): Promise<void> {
  if ((await stat(file)).size > importLimits.maxBackupBytes) {
    const mb = importLimits.maxBackupBytes / (1024 * 1024);
    throw new UsageError(`${file} är större än ${mb} MB och är ingen säkerhetskopia från HuleEdu / ${file} is larger than ${mb} MB and is not a HuleEdu backup`);
  }
  const result = await host.services.api.restoreBackup({ text: await readFile(file, 'utf8') });
  if (result.outcome === 'restored') return;
  throw new UsageError(
    result.reason === 'newer'
      ? `${file} kommer från en nyare version av appen / ${file} is from a newer version of the app`
      : `${file} är ingen giltig säkerhetskopia från HuleEdu / ${file} is not a valid HuleEdu backup`,
  );
}

/** The batch named on the command line: its id, or its exact title when only one batch has it. */
async function findBatch(host: CliHost, name: string): Promise<string> {
  const batches = await host.db.batches.orderBy('createdAt').toArray();
  const byId = batches.find((b) => b.id === name);
  if (byId) return byId.id;
  const titled = batches.filter((b) => b.title === name);
  if (titled.length === 1) return titled[0].id;
  if (titled.length > 1) {
    const ids = titled.map((b) => b.id).join(', ');
    throw new UsageError(`Flera batcher heter "${name}"; ange id / Several batches are named "${name}"; give the id: ${ids}`);
  }
  const titles = batches.map((b) => `  ${b.title} (${b.id})`).join('\n') || '  –';
  throw new UsageError(`Ingen batch heter "${name}" / No batch named "${name}". Batcher i säkerhetskopian / Batches in the backup:\n${titles}`);
}

export const exportCommand: Command = {
  usage: `  huledu export BATCH --format csv|xlsx|json|pdf --out FIL --from SÄKERHETSKOPIA.json [--lang sv|en]
      Exporterar en batch (id eller exakt titel) ur appens säkerhetskopia: resultat som CSV eller Excel,
      återkoppling per elev som PDF, eller hela säkerhetskopian som JSON.
      Exports a batch (id or exact title) from the app's backup: results as CSV or Excel,
      feedback per pupil as PDF, or the whole backup as JSON.`,
  async run(args) {
    const { values, positionals } = parseCommand(args, { format: { type: 'string' }, out: { type: 'string' }, from: { type: 'string' }, lang: commonOptions.lang });
    if (positionals.length !== 1) throw new UsageError('Ange en batch, med id eller titel / Give one batch, by id or title');
    const format = ExportFormat.safeParse(values.format);
    if (!format.success) throw new UsageError('--format måste vara csv, xlsx, json eller pdf / --format must be csv, xlsx, json or pdf');
    if (!values.out) throw new UsageError('Ange filen att skriva med --out / Give the file to write with --out');
    if (!values.from) throw new UsageError('Ange appens säkerhetskopia med --from / Give the app’s backup with --from');
    const language = languageOption(values.lang);

    const host = createCliHost();
    try {
      await restore(host, values.from);
      // A backup taken while files were on their way resumes here; the export waits for it, as a teacher would.
      await host.services.idle();
      const batchId = await findBatch(host, positionals[0]);
      const { bytes, partial } = await host.services.api.exportBatch({ batchId, format: format.data, language });
      await writeFile(values.out, bytes);
      process.stdout.write(`Skrev / Wrote ${values.out} (${bytes.length} byte)\n`);
      if (partial) process.stdout.write(`${translate('sv', 'export.partial', partial)} / ${translate('en', 'export.partial', partial)}\n`);
    } finally {
      await host.close();
    }
    return 0;
  },
};
