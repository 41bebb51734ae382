import { BatchResults } from '../../../shared/contracts/ipc';
import type { Finding } from '../../../shared/contracts/spellcheck';

/**
 * A batch as the store hands it to the exports: six essays (one rejected, one
 * the session never saw), a class list with each essay's match to a pupil, teacher decisions, a fit with grades
 * and one override; optionally a seventh whose spellcheck failed. Parsed with
 * the contract's schema, so it is the real shape.
 */

const at = '2026-03-02T10:00:00.000Z';
const hash = (n: number): string => n.toString(16).padStart(64, '0');

export const texts = {
  asa: 'Jag tyker om sommaren i Göteborg. Vi åt räkmackor vid älven och såg båtarna.\n\nSen åkte vi hem med sjuk sköterskor på tåget.',
  erik: 'Biblioteket är en plats där man kan läsa i lugn och ro. Jag lånar böcker varje vecka.',
  okand: 'Skoldagen börjar klockan åtta. Först har vi matte, sedan svenska och idrott.',
  anna: 'Min mormor bor i Umeå. Hon läser tidningen varje morgon och dricker kaffe.',
  sen: 'Det här är en uppsats som kom in efter bedömningen. Den har inga fel alls.',
  failed: 'Min hund heter Sixten och han tyker om att springa i skogen.',
};

function finding(text: string, word: string, suggestions: string[], category = 'spelling', source: Finding['source'] = 'dictionary', autoCorrect = true): Finding {
  const start = text.indexOf(word);
  return { start, end: start + word.length, text: word, suggestions, source, category, autoCorrect };
}

const findings = {
  asa: [
    finding(texts.asa, 'tyker', ['tycker']),
    finding(texts.asa, 'sjuk sköterskor', ['sjuksköterskor'], 'split-compound', 'split-compound', false),
    finding(texts.asa, 'räkmackor', ['räkmackan']),
  ],
  erik: [finding(texts.erik, 'lånar', ['lånade'])],
  okand: [finding(texts.okand, 'matte', ['matta'])],
  anna: [],
  sen: [],
  failed: [],
};

type Key = keyof typeof texts;

/** Who intake (or the teacher) said wrote it: a pupil's id, with the status. */
type Written = { pupilId: string | null; status: 'matched' | 'review' | 'none'; byTeacher?: true };
type EssayRow = { key: Key | null; id: string; fileName: string; relativePath?: string; words: number; spellcheckFailed?: true; written?: Written };

const pupils = [
  { id: 'p1', firstName: 'Åsa', lastName: 'Öberg' },
  { id: 'p2', firstName: 'Erik', lastName: 'Lind' },
  { id: 'p3', firstName: 'Anna', lastName: '' },
  { id: 'p4', firstName: 'Zenta', lastName: '' },
];

const essayRows: EssayRow[] = [
  { key: 'asa', id: 'e1', fileName: 'Åsa-Öberg uppsats.docx', words: 24, written: { pupilId: 'p1', status: 'matched' } },
  // Intake was not sure: Erik's name stays out of the exports until the teacher confirms it.
  { key: 'erik', id: 'e2', fileName: 'erik.lind.odt', words: 16, written: { pupilId: 'p2', status: 'review' } },
  { key: 'okand', id: 'e3', fileName: 'okänd.txt', words: 12, written: { pupilId: null, status: 'none' } },
  // Intake was unsure of a first name alone; the teacher confirmed it.
  { key: 'anna', id: 'e4', fileName: 'anna;"citat".txt', relativePath: 'klass 9B/anna;"citat".txt', words: 13, written: { pupilId: 'p3', status: 'matched', byTeacher: true } },
  { key: null, id: 'e5', fileName: 'trasig.docx', words: 0 },
  { key: 'sen', id: 'e6', fileName: 'zenta-sen.txt', words: 14, written: { pupilId: 'p4', status: 'matched' } },
];

export function fixture(options: { withSession?: boolean; spellcheckFailed?: boolean } = {}): BatchResults {
  const withSession = options.withSession ?? true;
  const rows: EssayRow[] = options.spellcheckFailed ? [...essayRows, { key: 'failed', id: 'e7', fileName: 'bo-ek.txt', words: 12, spellcheckFailed: true }] : essayRows;
  const checked = (row: EssayRow): boolean => row.key !== null && !row.spellcheckFailed;
  const essays = rows.map((row, seq) => ({
    id: row.id,
    batchId: 'b1',
    seq,
    fileName: row.fileName,
    ...(row.relativePath ? { relativePath: row.relativePath } : {}),
    size: 1000,
    state: row.key ? (checked(row) ? ('spellchecked' as const) : ('spellcheck_failed' as const)) : ('rejected' as const),
    ...(row.key ? { contentHash: hash(seq + 1), words: row.words, format: 'txt' as const } : { rejection: { code: 'CORRUPT_FILE' as const } }),
    ...(row.written ? { pupilMatch: { ...row.written, confidence: 0.9, evidence: [], candidates: [] } } : {}),
    receivedAt: at,
    updatedAt: at,
  }));
  const spellchecks = rows.flatMap((row, seq) =>
    row.key && checked(row)
      ? [
          {
            essayId: row.id,
            language: 'sv' as const,
            dictionary: '/x/index.dic',
            words: row.words,
            findings: findings[row.key],
            metrics: { words: row.words, findings: findings[row.key].length, per100Words: 0, byCategory: {} },
            contentHash: hash(seq + 1),
            checkedAt: at,
          },
        ]
      : [],
  );
  const item = (essayId: string, theta: number, se: number | null, grade: string | null, probabilities: number[], comparisons: number, preliminary = false) => ({
    essayId,
    theta,
    se,
    infit: null,
    outfit: null,
    wins: 0,
    comparisons,
    grade,
    probabilities,
    preliminary,
    misfit: false,
  });
  const scale = ['F', 'E', 'D', 'C', 'B', 'A'];
  return BatchResults.parse({
    batch: {
      id: 'b1',
      title: 'Svenska 9B – vårterminen',
      className: '9B',
      course: 'Svenska',
      language: 'sv',
      names: ['Åsa Öberg', 'Erik Lind', 'Anna', 'Zenta'],
      classListId: 'c1',
      createdAt: at,
      pipeline: ['intake', 'spellcheck'],
      nextSeq: 6,
      addedWords: ['matte'],
      phases: {},
    },
    essays,
    pupils,
    spellchecks,
    // Åsa's teacher ignored "räkmackor": two of her three findings still count.
    decisions: [{ essayId: 'e1', key: `${findings.asa[2].start}:${findings.asa[2].end}:räkmackor`, decision: 'ignored', decidedAt: at }],
    texts: Object.fromEntries(rows.flatMap((row, seq) => (row.key ? [[hash(seq + 1), texts[row.key]]] : []))),
    session: withSession
      ? { id: 's1', batchId: 'b1', title: 'Vår', judgeIds: ['j1'], anchors: [{ essayId: 'e2', grade: 'D' }], scale, targetReliability: 0.8, budgetPerScript: 10, essayIds: ['e1', 'e2', 'e3', 'e4'], createdAt: at, stop: null }
      : null,
    fit: withSession
      ? {
          sessionId: 's1',
          judgements: 20,
          computedAt: at,
          items: [
            // Åsa's C is 0.78 likely: preliminary. The anchor e2 has its known grade; e3's A is more than 99% sure.
            item('e1', 1.35, 0.42, 'C', [0, 0.02, 0.1, 0.78, 0.1, 0], 12, true),
            item('e2', -0.5, null, 'D', [0, 0, 1, 0, 0, 0], 0),
            item('e3', 2.1049, 0.5, 'A', [0, 0, 0, 0.001, 0.003, 0.996], 11),
            item('e4', -1.2, 0.61, 'E', [0.2, 0.7, 0.1, 0, 0, 0], 9, true),
          ],
          judges: [],
          ssr: 0.8,
          reliability: { reported: 0.8, lowerBound: 0.7 },
          verdict: { stop: false, reason: 'below-target', perScript: 5 },
          boundaries: [],
          gradesUnavailable: null,
          checkpoints: { previous: null, current: null },
        }
      : null,
    overrides: withSession ? [{ sessionId: 's1', essayId: 'e4', grade: 'D', judgeId: 'j1', at }] : [],
  });
}
