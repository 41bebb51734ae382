import type { Essay, Language } from '../../../../shared/contracts/domain';
import { essayWithText } from '../../../../shared/db/queries';
import { rejectionMessage, translate } from '../../../../shared/i18n';
import { isPending } from '../../../../shared/lifecycle';
import { readPaths } from '../../../app/fs-files';
import { commonOptions, languageOption, parseCommand, writeJsonLine, type Command } from '../command';
import { createCliHost, type CliHost } from '../compose';

/** Each essay's file as the CLI reports it: the path as given; an archive entry is named inside its archive. */
export function fileNamer(essays: readonly Essay[]): (essay: Essay) => string {
  const byId = new Map(essays.map((e) => [e.id, e]));
  const fileOf = (e: Essay): string => {
    const parent = e.parentId ? byId.get(e.parentId) : undefined;
    return parent ? `${fileOf(parent)}!/${e.relativePath ?? e.fileName}` : (e.relativePath ?? e.fileName);
  };
  return fileOf;
}

export interface AnalysedEssay {
  file: string;
  /** `stalled`: the batch's work stopped before this file was decided; `code` says why (Batch.stalled). */
  status: 'accepted' | 'rejected' | 'stalled';
  code: string | null;
  message: { sv: string; en: string } | null;
  duplicateOf: string | null;
  words: number | null;
  text: string | null;
}

/** `analyse PATH... --lang sv|en`: intake of files and folders, as the app does it, reported per file. */
export async function analyse(host: CliHost, paths: string[], language: Language): Promise<AnalysedEssay[]> {
  const files = await readPaths(paths);
  const correlationId = crypto.randomUUID();
  // analyse reports intake only; the spell command covers spelling.
  const batchId = await host.services.orchestrator.createBatch({ title: 'CLI', className: '', course: '', language }, correlationId, ['intake']);
  if (files.length) {
    await host.services.intake.receive(batchId, files, correlationId);
    await host.services.orchestrator.advance(batchId, correlationId);
  }

  const essays = await host.db.essays.where('[batchId+seq]').between([batchId, -Infinity], [batchId, Infinity]).toArray();
  const stalled = (await host.db.batches.get(batchId))?.stalled;
  const byId = new Map(essays.map((e) => [e.id, e]));
  const fileOf = fileNamer(essays);

  const out: AnalysedEssay[] = [];
  for (const essay of essays) {
    if (essay.state === 'expanded') continue;
    if (essay.state === 'accepted') {
      const text = (await essayWithText(host.db, essay.id))?.text ?? null;
      out.push({ file: fileOf(essay), status: 'accepted', code: null, message: null, duplicateOf: null, words: essay.words ?? null, text });
      continue;
    }
    if (stalled && isPending('intake', essay)) {
      const message = { sv: translate('sv', `batch.stalled.${stalled.code}`), en: translate('en', `batch.stalled.${stalled.code}`) };
      out.push({ file: fileOf(essay), status: 'stalled', code: stalled.code, message, duplicateOf: null, words: null, text: null });
      continue;
    }
    const rejection = essay.rejection ?? { code: 'CORRUPT_FILE' as const };
    const original = rejection.duplicateOf ? byId.get(rejection.duplicateOf) : undefined;
    const context = { original: original ? fileOf(original) : undefined, words: essay.words };
    out.push({
      file: fileOf(essay),
      status: 'rejected',
      code: rejection.code,
      message: { sv: rejectionMessage('sv', rejection, context), en: rejectionMessage('en', rejection, context) },
      duplicateOf: original ? fileOf(original) : null,
      words: essay.words ?? null,
      text: null,
    });
  }
  return out;
}

export const analyseCommand: Command = {
  usage: `  huledu analyse PATH... [--lang sv|en] [--json]
      Läser filer, mappar och .zip som appen gör och visar resultatet per fil.
      Reads files, folders and .zip files as the app does and reports each file.`,
  async run(args) {
    const { values, positionals } = parseCommand(args, commonOptions, { sv: 'Ange minst en fil eller mapp', en: 'Give at least one file or folder' });
    const language = languageOption(values.lang);

    const host = createCliHost();
    try {
      const essays = await analyse(host, positionals, language);
      if (values.json) writeJsonLine({ essays });
      else {
        for (const e of essays) {
          const detail = e.status === 'accepted' ? `${e.words} ord/words` : `${e.code}: ${e.message?.sv}`;
          process.stdout.write(`${{ accepted: '✓', rejected: '✗', stalled: '…' }[e.status]} ${e.file}  ${detail}\n`);
        }
      }
      return 0;
    } finally {
      await host.close();
    }
  },
};
