import type { AiJudgeEstimate } from '../contracts/ai-judge';
import type { Language } from '../contracts/domain';
import { comparisonBudget } from '../judging';
import { judgeRequestBody, MAX_ANSWER_TOKENS } from './request';

/**
 * About four characters to a token for Swedish and English text in the
 * common tokenizers; the estimate is shown as "about", never billed by.
 */
const CHARS_PER_TOKEN = 4;
/** A typical answer: the JSON with a two-sentence reason. */
const ANSWER_TOKENS = Math.round(MAX_ANSWER_TOKENS / 4);

export function approximateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

/**
 * What an AI-judged session will ask of the server before its first call:
 * one call per judgement of the budget (each pair is asked in both orders,
 * and each order is one judgement), each with the instructions and two
 * texts of average length. Retries come on top; the stopping rule may end
 * the session sooner.
 */
export function estimateAiJudging(input: {
  /** The masked texts of the session's essays. */
  texts: readonly string[];
  budgetPerScript: number;
  language: Language;
  assignment: string;
  model: string;
  pricePerMillionTokens: number | null;
}): AiJudgeEstimate {
  const calls = comparisonBudget(input.budgetPerScript, input.texts.length);
  const averageText = input.texts.reduce((sum, t) => sum + approximateTokens(t), 0) / Math.max(1, input.texts.length);
  const frame = judgeRequestBody({ model: input.model, language: input.language, assignment: input.assignment, first: '', second: '' });
  const frameTokens = approximateTokens(frame.messages.map((m) => m.content).join('\n') + JSON.stringify(frame.response_format));
  const tokens = Math.round(calls * (frameTokens + 2 * averageText + ANSWER_TOKENS));
  const cost = input.pricePerMillionTokens === null ? null : (tokens / 1_000_000) * input.pricePerMillionTokens;
  return { calls, tokens, cost };
}
