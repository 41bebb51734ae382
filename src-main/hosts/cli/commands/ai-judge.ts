import { readFile } from 'node:fs/promises';
import { aiEndpointProblem, type AiFailureReason } from '../../../../shared/contracts/ai-judge';
import type { Language } from '../../../../shared/contracts/domain';
import type { PupilName } from '../../../../shared/contracts/pupils';
import { orderBias } from '../../../../shared/ai-judge/results';
import { translate } from '../../../../shared/i18n';
import { InputError } from '../../../core/input-error';
import { readPaths } from '../../../app/fs-files';
import { openAiChat } from '../../../ai-judge/chat-client';
import { DEFAULT_AI_TIMING } from '../../../ai-judge/retry-policy';
import { classListOption, commonOptions, languageOption, parseCommand, UsageError, writeJsonLine, type Command } from '../command';
import { createCliHost, type CliHost } from '../compose';
import { fileNamer } from './analyse';

/** The server cannot judge (unreachable, no structured output, …): exit status 2, in Swedish and English. */
class ServerUnusable extends InputError {}

const failureMessage = (reason: AiFailureReason): string => `${translate('sv', `ai.failure.${reason}`)} / ${translate('en', `ai.failure.${reason}`)}`;

export interface AiJudgeReport {
  essays: { file: string; theta: number; se: number | null; rank: number }[];
  /** Readable answers stored as judgements. */
  judgements: number;
  calls: number;
  failedCalls: Partial<Record<AiFailureReason, number>>;
  positionFirstShare: number | null;
  orderConsistency: number | null;
  reliability: number | null;
}

export interface AiJudgeOptions {
  endpoint: string;
  model: string;
  apiKey: string | null;
  /** The class list's pupils (`--class-list`): their names are masked in every text sent, as in the app. */
  classList?: readonly PupilName[];
  language: Language;
  perScript: number;
  assignment: string;
}

/**
 * A whole AI-judged session over the accepted essays: intake and spellcheck
 * as the app does them, a session with the AI judge alone, run until the
 * budget is spent (the target is set out of reach, so K decides), then the
 * scale and the AI's figures.
 */
export async function aiJudge(host: CliHost, paths: string[], options: AiJudgeOptions): Promise<AiJudgeReport> {
  const { api } = host.services;
  const files = await readPaths(paths);
  const correlationId = crypto.randomUUID();
  const classListId = options.classList ? (await api.saveClassList({ name: 'CLI', pupils: [...options.classList] })).classListId : undefined;
  const batchId = await host.services.orchestrator.createBatch(
    { title: 'CLI', className: '', course: '', language: options.language, ...(classListId ? { classListId } : {}) },
    correlationId,
  );
  if (files.length) {
    await host.services.intake.receive(batchId, files, correlationId);
    await host.services.orchestrator.advance(batchId, correlationId);
  }
  const saved = await api.saveAiProfile({ name: 'AI', baseUrl: options.endpoint, model: options.model, apiKey: options.apiKey ?? '' });
  if (saved.outcome !== 'saved') throw new UsageError(`${translate('sv', `ai.endpoint.${saved.problem as 'URL_INVALID'}`)} / ${translate('en', `ai.endpoint.${saved.problem as 'URL_INVALID'}`)}`);
  const created = await api.createSession({
    batchId,
    title: 'AI',
    judgeIds: [],
    ai: { profileId: saved.profileId, assignment: options.assignment, humanCheckShare: 0 },
    budgetPerScript: options.perScript,
    targetReliability: 0.95,
  });
  if (created.outcome !== 'created') throw new UsageError('Minst två uppsatser behövs / At least two essays are needed');
  const { sessionId } = created;
  const started = await api.startAiJudge({ sessionId });
  if (started.outcome !== 'started') throw new Error(started.problem);
  await host.services.idle();

  const progress = await api.aiJudgeProgress({ sessionId });
  if (progress.halted) throw new ServerUnusable(failureMessage(progress.halted));
  const session = (await host.db.sessions.get(sessionId))!;
  const fit = (await host.db.sessionFits.get(sessionId)) ?? null;
  const judgements = await host.db.judgements.where('sessionId').equals(sessionId).toArray();
  const essays = await host.db.essays.where('batchId').equals(batchId).toArray();
  const fileOf = fileNamer(essays);
  const byId = new Map(essays.map((e) => [e.id, e]));
  const ranked = [...(fit?.items ?? [])].sort((a, b) => b.theta - a.theta || fileOf(byId.get(a.essayId)!).localeCompare(fileOf(byId.get(b.essayId)!)));
  const bias = orderBias(judgements, session.ai!.profileId);
  return {
    essays: ranked.map((item, i) => ({ file: fileOf(byId.get(item.essayId)!), theta: item.theta, se: item.se, rank: i + 1 })),
    judgements: progress.judgements,
    calls: progress.calls,
    failedCalls: progress.failures,
    positionFirstShare: bias.positionFirstShare,
    orderConsistency: bias.orderConsistency,
    reliability: fit?.reliability.reported ?? null,
  };
}

const options = {
  endpoint: { type: 'string' },
  model: { type: 'string' },
  'api-key-env': { type: 'string' },
  'class-list': { type: 'string' },
  'per-script': { type: 'string', default: '10' },
  assignment: { type: 'string' },
  ...commonOptions,
} as const;

/** The command line's options, checked: bad usage exits 2 before anything is read or sent. */
async function readOptions(values: { [K in keyof typeof options]?: string | boolean }): Promise<AiJudgeOptions> {
  const endpoint = values.endpoint;
  const model = values.model;
  if (typeof endpoint !== 'string' || typeof model !== 'string' || !model.trim()) {
    throw new UsageError('--endpoint och --model behövs / --endpoint and --model are needed');
  }
  const problem = aiEndpointProblem(endpoint);
  if (problem) throw new UsageError(`${translate('sv', `ai.endpoint.${problem}`)} / ${translate('en', `ai.endpoint.${problem}`)}`);
  const perScript = Number(values['per-script']);
  if (!Number.isInteger(perScript) || perScript < 3 || perScript > 40) {
    throw new UsageError('--per-script måste vara ett heltal från 3 till 40 / --per-script must be a whole number from 3 to 40');
  }
  let apiKey: string | null = null;
  const keyVar = values['api-key-env'];
  if (typeof keyVar === 'string') {
    apiKey = process.env[keyVar]?.trim() || null;
    if (!apiKey) throw new UsageError(`Miljövariabeln ${keyVar} är tom eller saknas / The environment variable ${keyVar} is empty or not set`);
  }
  const classList = typeof values['class-list'] === 'string' ? await classListOption(values['class-list']) : undefined;
  const assignmentFile = values.assignment;
  const assignment = typeof assignmentFile === 'string' ? (await readFile(assignmentFile, 'utf8')).trim() : '';
  return { endpoint: endpoint.trim(), model: model.trim(), apiKey, ...(classList ? { classList } : {}), language: languageOption(values.lang), perScript, assignment };
}

export const aiJudgeCommand: Command = {
  usage: `  huledu ai-judge PATH... --endpoint URL --model NAME [--api-key-env VAR] [--class-list FILE] [--lang sv|en] [--per-script K] [--assignment FILE] [--json]
      Låter en språkmodell (OpenAI-protokollet) jämföra uppsatserna parvis, i båda ordningarna, och rangordnar dem.
      Has a language model (OpenAI protocol) compare the essays in pairs, in both orders, and ranks them.`,
  async run(args) {
    const { values, positionals } = parseCommand(args, options, { sv: 'Ange minst en fil eller mapp', en: 'Give at least one file or folder' });
    const settings = await readOptions(values);
    // Is anyone there? Before a single essay is read, so an unreachable server is told at once.
    const reachable = await openAiChat().models(
      { baseUrl: settings.endpoint, model: settings.model, apiKey: settings.apiKey },
      { timeoutMs: DEFAULT_AI_TIMING.timeoutMs },
    );
    if (!reachable.ok && ['unreachable', 'tls', 'unauthorized', 'timeout'].includes(reachable.reason)) throw new ServerUnusable(failureMessage(reachable.reason));

    const host = createCliHost();
    try {
      const report = await aiJudge(host, positionals, settings);
      if (values.json) writeJsonLine(report);
      else {
        for (const e of report.essays) process.stdout.write(`${String(e.rank).padStart(3)}  ${e.theta.toFixed(2).padStart(6)}  ${e.file}\n`);
        process.stdout.write(
          `${report.judgements} bedömningar / judgements, ${report.calls} anrop / calls, ` +
            `först visade vann / shown first won ${formatShare(report.positionFirstShare)}, ` +
            `samma i båda ordningarna / same in both orders ${formatShare(report.orderConsistency)}, ` +
            `reliabilitet / reliability ${report.reliability?.toFixed(2) ?? '–'}\n`,
        );
        for (const [reason, count] of Object.entries(report.failedCalls)) process.stdout.write(`  ${reason}: ${count}\n`);
      }
      return 0;
    } finally {
      await host.close();
    }
  },
};

function formatShare(share: number | null): string {
  return share === null ? '–' : `${Math.round(share * 100)} %`;
}
