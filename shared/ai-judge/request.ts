import { z } from 'zod';
import type { AiAnswer } from '../contracts/ai-judge';
import type { Language } from '../contracts/domain';
import { maskBatchNames } from '../pupils/mask';
import { findPersonalData, scrubPersonalData } from '../text/personal-data';

/**
 * The AI judge's contract with the model server: what one request for a
 * judgement looks like (OpenAI chat completions with a strict JSON schema),
 * what is taken out of the texts before they are sent, and how an answer is
 * read. Pure, so what leaves the laptop can be checked without a server.
 */

/** The labels the prompt uses for the two texts; the first names the text shown first. */
export const LABELS = ['A', 'B'] as const;

/** Neutral stand-ins for what is taken out, in the prompt's language. */
const PLACEHOLDER: Record<Language, { name: string; other: string }> = {
  sv: { name: '[namn]', other: '[borttaget]' },
  en: { name: '[name]', other: '[removed]' },
};

/** What identifies pupils in a batch: the class list and the class's name. */
export interface Identifiers {
  names: readonly string[];
  className: string;
}

/** Lines at the top of a text that may be a header (name, class, date) rather than the essay. */
const HEADER_LINES = 5;
const HEADER_MAX_WORDS = 12;
const HEADER_LABEL = /^\s*(namn|name|elev|pupil|student|klass|class|datum|date|lärare|teacher|personnummer)\s*[:：]/iu;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The class's name as a whole phrase, any case ("9B", "Klass 9B"). */
function classPattern(className: string): RegExp | null {
  const name = className.trim();
  if (name.length < 2) return null;
  return new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(name)}(?![\\p{L}\\p{N}])`, 'giu');
}

/** A short line near the top that names a pupil or the class, or is labelled like a header ("Namn:", "Klass:"). */
function isHeaderLine(line: string, ids: Identifiers, classRe: RegExp | null): boolean {
  const words = line.trim().split(/\s+/).filter(Boolean);
  if (!words.length || words.length > HEADER_MAX_WORDS) return false;
  if (HEADER_LABEL.test(line)) return true;
  if (classRe && new RegExp(classRe.source, classRe.flags).test(line)) return true;
  return findPersonalData(line, ids.names).some((m) => m.kind === 'name');
}

/**
 * The text as the model may see it: header lines at the top that name the
 * pupil or the class dropped; the class list's names, the class's name and
 * other personal data (personnummer, e-mail, phone) replaced by a neutral
 * placeholder. Everything else, spelling included, is the pupil's original.
 */
export function maskForJudge(text: string, ids: Identifiers, language: Language): string {
  const classRe = classPattern(ids.className);
  const lines = text.split(/\r?\n/);
  let seen = 0;
  const kept = lines.filter((line) => {
    if (!line.trim() || seen >= HEADER_LINES) return true;
    seen++;
    return !isHeaderLine(line, ids, classRe);
  });
  const placeholder = PLACEHOLDER[language];
  const withoutClass = classRe ? kept.join('\n').replace(classRe, placeholder.other) : kept.join('\n');
  // Pupils' names in every form first (genitives, hyphens, missing diacritics), then the rest of the personal data.
  const withoutNames = maskBatchNames(withoutClass, ids.names, placeholder.name);
  return scrubPersonalData(withoutNames, ids.names, (kind) => (kind === 'name' ? placeholder.name : placeholder.other)).trim();
}

const INSTRUCTIONS: Record<Language, (assignment: string) => string> = {
  sv: (assignment) =>
    [
      'Du är en erfaren lärare som bedömer elevtexter. Du får två texter som elever har skrivit till samma uppgift och ska avgöra vilken som är bäst skriven.',
      'Bedöm skrivandet mot uppgiften och bedömningskriterierna nedan: innehåll, struktur, språk och hur väl texten svarar på uppgiften. Stavning och grammatik räknas.',
      'Bortse från textens längd, från formatering och layout, och från vilken ståndpunkt eleven tar i frågan. Ordningen texterna visas i säger ingenting om vilken som är bäst.',
      'Namn och personuppgifter har ersatts med [namn] och [borttaget]; det påverkar inte bedömningen.',
      'Svara med JSON enligt schemat: "winner" är etiketten för den bäst skrivna texten ("A" eller "B"), "reason" en kort motivering på svenska (högst två meningar), och "confidence" hur säker du är, från 1 (nästan en gissning) till 5 (helt säker).',
      '',
      'Uppgift och bedömningskriterier:',
      assignment.trim() || 'Inga angivna. Bedöm den allmänna skrivförmågan.',
    ].join('\n'),
  en: (assignment) =>
    [
      'You are an experienced teacher assessing pupils\' writing. You get two texts that pupils wrote for the same assignment and decide which is better written.',
      'Judge the writing against the assignment and the assessment criteria below: content, structure, language, and how well the text answers the assignment. Spelling and grammar count.',
      'Ignore the length of the texts, their formatting and layout, and the stance the pupil takes on the question. The order the texts are shown in says nothing about which is better.',
      'Names and personal details have been replaced by [name] and [removed]; that does not affect the judgement.',
      'Answer with JSON following the schema: "winner" is the label of the better written text ("A" or "B"), "reason" a short justification in English (two sentences at most), and "confidence" how sure you are, from 1 (almost a guess) to 5 (completely sure).',
      '',
      'Assignment and assessment criteria:',
      assignment.trim() || 'None given. Judge the general quality of the writing.',
    ].join('\n'),
};

const QUESTION: Record<Language, (first: string, second: string) => string> = {
  sv: (first, second) => `Text ${LABELS[0]}:\n"""\n${first}\n"""\n\nText ${LABELS[1]}:\n"""\n${second}\n"""\n\nVilken text är bäst skriven, ${LABELS[0]} eller ${LABELS[1]}?`,
  en: (first, second) => `Text ${LABELS[0]}:\n"""\n${first}\n"""\n\nText ${LABELS[1]}:\n"""\n${second}\n"""\n\nWhich text is better written, ${LABELS[0]} or ${LABELS[1]}?`,
};

/** The JSON schema the answer must follow: a winner that is one of the two labels, a short reason and a confidence 1–5. */
export function answerSchema() {
  return {
    type: 'object',
    properties: {
      winner: { type: 'string', enum: [...LABELS] },
      reason: { type: 'string' },
      confidence: { type: 'integer', enum: [1, 2, 3, 4, 5] },
    },
    required: ['winner', 'reason', 'confidence'],
    additionalProperties: false,
  } as const;
}

export const RESPONSE_FORMAT_NAME = 'pairwise_judgement';

/** An answer's length cap: a reason is two sentences, so anything near this is runaway output. */
export const MAX_ANSWER_TOKENS = 300;

export interface JudgeRequestInput {
  model: string;
  language: Language;
  assignment: string;
  /** Both texts already masked (maskForJudge). */
  first: string;
  second: string;
}

/** The chat-completions body for one judgement. Nothing else about the essays is in it: no ids, file names or anchor status. */
export function judgeRequestBody(input: JudgeRequestInput) {
  return {
    model: input.model,
    messages: [
      { role: 'system' as const, content: INSTRUCTIONS[input.language](input.assignment) },
      { role: 'user' as const, content: QUESTION[input.language](input.first, input.second) },
    ],
    response_format: {
      type: 'json_schema' as const,
      json_schema: { name: RESPONSE_FORMAT_NAME, strict: true, schema: answerSchema() },
    },
    temperature: 0,
    max_tokens: MAX_ANSWER_TOKENS,
  };
}
export type JudgeRequestBody = ReturnType<typeof judgeRequestBody>;

const RawAnswer = z.object({
  winner: z.enum(LABELS),
  reason: z.string().transform((s) => s.trim().slice(0, 1000)),
  // An integer 1–5 exactly: a model that answers 0.8 or "high" has not followed the scale, and is not read as if it had.
  confidence: z.number().int().min(1).max(5),
});

/**
 * The model's answer, or null when it is not one: not JSON, a winner that
 * is neither label, a confidence off the 1–5 scale. A null is a failed
 * attempt, never a winner.
 */
export function readAnswer(content: string | null | undefined): AiAnswer | null {
  if (!content) return null;
  // Some servers wrap JSON in a Markdown fence even under a schema.
  const bare = content.trim().replace(/^```(?:json)?\s*([\s\S]*?)\s*```$/u, '$1');
  let json: unknown;
  try {
    json = JSON.parse(bare);
  } catch {
    return null;
  }
  const parsed = RawAnswer.safeParse(json);
  if (!parsed.success) return null;
  return { winner: parsed.data.winner === LABELS[0] ? 'first' : 'second', reason: parsed.data.reason, confidence: parsed.data.confidence };
}
