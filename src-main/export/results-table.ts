import type { BatchResults } from '../../shared/contracts/ipc';
import type { Essay } from '../../shared/contracts/domain';
import type { SpellcheckRecord } from '../../shared/contracts/spellcheck-record';
import { essayName } from '../../shared/files';
import { hasSucceeded } from '../../shared/lifecycle';
import { essayPupil, fullName } from '../../shared/pupils/word-list';
import { formatProbability, translate, type StringKey, type UiLanguage } from '../../shared/i18n';
import { standingGrade, type StandingGrade } from '../../shared/judging';
import { byScale } from '../../shared/ranking';
import { countsAsError, effectiveFindings, findingsPer100Words, type EffectiveFinding } from '../../shared/spelling';

/** One essay of a batch (every file intake accepted), as every results export shows it. */
export interface ResultsRow {
  essayId: string;
  /** The pupil who wrote it, as intake matched them or the teacher chose them; '' while in review or unmatched. */
  student: string;
  file: string;
  words: number;
  /** Spelling errors per 100 words after the teacher's decisions and the batch's word list; null when the spelling is not checked (still running, or failed). */
  per100: number | null;
  /** 1 for the highest θ; null without a fit. */
  rank: number | null;
  theta: number | null;
  se: number | null;
  /** The grade that stands (an anchor's known grade, the teacher's, else the model's), and what it rests on. */
  grade: string | null;
  gradeSource: StandingGrade['source'];
  /** The model's probability of `grade`; null unless the grade is the model's. */
  probability: number | null;
  /** The model's grade while it is less sure than the threshold: marked wherever it is shown. */
  preliminary: boolean;
  /** The model's grade and its probability, kept beside an override. */
  modelGrade: string | null;
  modelProbability: number | null;
  comparisons: number | null;
}

type ExportedKey = 'student' | 'file' | 'words' | 'per100' | 'rank' | 'theta' | 'se' | 'grade' | 'gradeSource' | 'probability' | 'preliminary' | 'comparisons';

export interface ResultsColumn {
  key: ExportedKey;
  header: StringKey;
  /** Text columns hold words in the export's language: a grade's source, a probability as the UI writes it, "yes". */
  kind: 'text' | 'integer' | 'decimal';
  /** For decimals: how many the exports keep. */
  decimals?: number;
}

/** The columns of the CSV and the workbook, in order. */
export const resultsColumns: readonly ResultsColumn[] = [
  { key: 'student', header: 'export.col.student', kind: 'text' },
  { key: 'file', header: 'export.col.file', kind: 'text' },
  { key: 'words', header: 'export.col.words', kind: 'integer' },
  { key: 'per100', header: 'export.col.per100', kind: 'decimal', decimals: 2 },
  { key: 'rank', header: 'export.col.rank', kind: 'integer' },
  { key: 'theta', header: 'export.col.theta', kind: 'decimal', decimals: 2 },
  { key: 'se', header: 'export.col.se', kind: 'decimal', decimals: 2 },
  { key: 'grade', header: 'export.col.grade', kind: 'text' },
  { key: 'gradeSource', header: 'export.col.gradeSource', kind: 'text' },
  // As text, like the UI's "> 99 %": a number format would round 0.996 to "100%", which no judgement makes true.
  { key: 'probability', header: 'export.col.probability', kind: 'text' },
  { key: 'preliminary', header: 'export.col.preliminary', kind: 'text' },
  { key: 'comparisons', header: 'export.col.comparisons', kind: 'integer' },
];

export type Cell = string | number | null;

/** The header row in the export's language. */
export function resultsHeaders(language: UiLanguage): string[] {
  return resultsColumns.map((column) => translate(language, column.header));
}

/** The rows as cells in column order, in the export's language, decimals rounded as the exports keep them. */
export function resultsCells(rows: readonly ResultsRow[], language: UiLanguage): Cell[][] {
  return rows.map((row) =>
    resultsColumns.map((column): Cell => {
      switch (column.key) {
        case 'gradeSource':
          return row.gradeSource === null ? null : translate(language, `export.gradeSource.${row.gradeSource}`);
        case 'probability':
          return row.probability === null ? null : formatProbability(row.probability, language);
        case 'preliminary':
          return row.preliminary ? translate(language, 'export.preliminary.yes') : null;
      }
      const value = row[column.key];
      if (typeof value !== 'number' || column.decimals === undefined) return value;
      const factor = 10 ** column.decimals;
      // Adding 0 turns -0 into 0, so a tiny negative θ is not written as "-0,00".
      return Math.round(value * factor) / factor + 0;
    }),
  );
}

/** An essay's findings with the teacher's decisions and the batch's word list applied. */
export function essayFindings(data: BatchResults, spellcheck: SpellcheckRecord): EffectiveFinding[] {
  const decisions = data.decisions.filter((d) => d.essayId === spellcheck.essayId);
  return effectiveFindings(spellcheck.findings, decisions, [...data.batch.names, ...data.batch.addedWords]);
}

/** The counted findings by category, in order of first appearance. */
export function findingsByCategory(findings: readonly EffectiveFinding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of findings.filter(countsAsError)) counts.set(f.category, (counts.get(f.category) ?? 0) + 1);
  return counts;
}

/**
 * The batch's results, one row per essay intake accepted (a pupil whose
 * spellcheck failed is still listed), ranked by θ (highest first) from the
 * latest session that has a fit; essays that session does not rank come
 * after, by file name.
 */
export function resultsTable(data: BatchResults): ResultsRow[] {
  const checks = new Map(data.spellchecks.map((c) => [c.essayId, c]));
  const items = new Map((data.fit?.items ?? []).map((i) => [i.essayId, i]));
  const overrides = new Map(data.overrides.map((o) => [o.essayId, o.grade]));
  const anchors = new Map((data.session?.anchors ?? []).map((a) => [a.essayId, a.grade]));
  const scale = data.session?.scale ?? [];
  const essays = data.essays.filter((e) => hasSucceeded('intake', e));

  const ranked = essays
    .filter((e) => items.has(e.id))
    .sort(byScale<Essay>((e) => items.get(e.id)!.theta, essayName));
  const rest = essays.filter((e) => !items.has(e.id)).sort((a, b) => essayName(a).localeCompare(essayName(b), 'sv'));
  const rank = new Map(ranked.map((e, i) => [e.id, i + 1]));

  return [...ranked, ...rest].map((essay) => {
    const check = checks.get(essay.id);
    const item = items.get(essay.id);
    const model = standingGrade(item, scale, {});
    const standing = standingGrade(item, scale, { anchor: anchors.get(essay.id), teacher: overrides.get(essay.id) });
    const file = essayName(essay);
    const pupil = essayPupil(essay, data.pupils);
    return {
      essayId: essay.id,
      student: pupil ? fullName(pupil) : '',
      file,
      words: essay.words ?? check?.words ?? 0,
      per100: check ? findingsPer100Words(check.words, essayFindings(data, check)) : null,
      rank: rank.get(essay.id) ?? null,
      theta: item?.theta ?? null,
      se: item?.se ?? null,
      grade: standing.grade,
      gradeSource: standing.source,
      probability: standing.probability,
      preliminary: standing.preliminary,
      modelGrade: model.grade,
      modelProbability: model.probability,
      comparisons: item?.comparisons ?? null,
    };
  });
}
