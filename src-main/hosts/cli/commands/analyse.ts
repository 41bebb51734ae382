import type { Essay, Language } from '../../../../shared/contracts/domain';
import type { PupilMatch, PupilName } from '../../../../shared/contracts/pupils';
import { essayWithText } from '../../../../shared/db/queries';
import { rejectionMessage, translate } from '../../../../shared/i18n';
import { isPending } from '../../../../shared/lifecycle';
import { readPaths } from '../../../app/fs-files';
import { classListOption, commonOptions, languageOption, parseCommand, writeJsonLine, type Command } from '../command';
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

/** Who wrote an essay, as intake matched it to the class list (`--class-list`). Names as the list writes them. */
export interface AnalysedPupil {
  name: string | null;
  status: PupilMatch['status'];
  confidence: number;
  evidence: PupilMatch['evidence'];
  candidates: { name: string; confidence: number }[];
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
  /** Only with a class list; null for a file that was not accepted. */
  pupil?: AnalysedPupil | null;
}

/** `analyse PATH... --lang sv|en`: intake of files and folders, as the app does it, reported per file. */
export async function analyse(host: CliHost, paths: string[], language: Language, classList?: readonly PupilName[]): Promise<AnalysedEssay[]> {
  const files = await readPaths(paths);
  const correlationId = crypto.randomUUID();
  const classListId = classList ? (await host.services.api.saveClassList({ name: 'CLI', pupils: [...classList] })).classListId : undefined;
  // analyse reports intake only; the spell command covers spelling.
  const details = { title: 'CLI', className: '', course: '', language, ...(classListId ? { classListId } : {}) };
  const batchId = await host.services.orchestrator.createBatch(details, correlationId, ['intake']);
  if (files.length) {
    await host.services.intake.receive(batchId, files, correlationId);
    await host.services.orchestrator.advance(batchId, correlationId);
  }

  const essays = await host.db.essays.where('[batchId+seq]').between([batchId, -Infinity], [batchId, Infinity]).toArray();
  const stalled = (await host.db.batches.get(batchId))?.stalled;
  const byId = new Map(essays.map((e) => [e.id, e]));
  const fileOf = fileNamer(essays);
  const pupils = new Map((classListId ? ((await host.db.classLists.get(classListId))?.pupils ?? []) : []).map((p) => [p.id, `${p.firstName} ${p.lastName}`.trim()]));
  const pupilOf = (essay: Essay): { pupil?: AnalysedPupil | null } => {
    if (!classListId) return {};
    const match = essay.pupilMatch;
    if (!match) return { pupil: null };
    const { status, confidence, evidence, candidates } = match;
    const name = (id: string | null) => (id === null ? null : (pupils.get(id) ?? null));
    return { pupil: { name: status === 'none' ? null : name(match.pupilId), status, confidence, evidence, candidates: candidates.map((c) => ({ name: name(c.pupilId) ?? '', confidence: c.confidence })) } };
  };

  const out: AnalysedEssay[] = [];
  for (const essay of essays) {
    if (essay.state === 'expanded') continue;
    if (essay.state === 'accepted') {
      const text = (await essayWithText(host.db, essay.id))?.text ?? null;
      out.push({ file: fileOf(essay), status: 'accepted', code: null, message: null, duplicateOf: null, words: essay.words ?? null, text, ...pupilOf(essay) });
      continue;
    }
    if (stalled && isPending('intake', essay)) {
      const message = { sv: translate('sv', `batch.stalled.${stalled.code}`), en: translate('en', `batch.stalled.${stalled.code}`) };
      out.push({ file: fileOf(essay), status: 'stalled', code: stalled.code, message, duplicateOf: null, words: null, text: null, ...pupilOf(essay) });
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
      ...pupilOf(essay),
    });
  }
  return out;
}

export const analyseCommand: Command = {
  usage: `  huledu analyse PATH... [--lang sv|en] [--class-list FILE] [--json]
      Läser filer, mappar och .zip som appen gör och visar resultatet per fil.
      Med --class-list (.txt, .csv, .xlsx) kopplas varje uppsats till en elev.
      Reads files, folders and .zip files as the app does and reports each file.
      With --class-list (.txt, .csv, .xlsx) each essay is matched to a pupil.`,
  async run(args) {
    const options = { ...commonOptions, 'class-list': { type: 'string' } } as const;
    const { values, positionals } = parseCommand(args, options, { sv: 'Ange minst en fil eller mapp', en: 'Give at least one file or folder' });
    const language = languageOption(values.lang);
    const classList = values['class-list'] === undefined ? undefined : await classListOption(values['class-list']);

    const host = createCliHost();
    try {
      const essays = await analyse(host, positionals, language, classList);
      if (values.json) writeJsonLine({ essays });
      else {
        for (const e of essays) {
          const detail = e.status === 'accepted' ? `${e.words} ord/words` : `${e.code}: ${e.message?.sv}`;
          const pupil = e.pupil ? `  ${e.pupil.name ?? '–'} (${e.pupil.status})` : '';
          process.stdout.write(`${{ accepted: '✓', rejected: '✗', stalled: '…' }[e.status]} ${e.file}  ${detail}${pupil}\n`);
        }
      }
      return 0;
    } finally {
      await host.close();
    }
  },
};
