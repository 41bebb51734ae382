import type { ClaimedFormat, ExtractionResult } from '../../shared/contracts/extraction';
import type { SpellcheckResult, SpellcheckTask } from '../../shared/contracts/spellcheck';
import type {
  CjFit,
  CjFitTask,
  CjGradeCalibration,
  CjGradeCalibrationTask,
  CjGradeProjection,
  CjGradeTask,
  CjNextPair,
  CjNextPairTask,
  CjSimulateTask,
  CjSimulation,
  CjStopTask,
  CjStopVerdict,
} from '../../shared/contracts/cj';
import type { IncomingFile } from '../../shared/contracts/main/batches';
import type { Language } from '../../shared/contracts/domain';
import type { StoreApi } from '../../shared/db/store';
import type { Logger } from './logger';
import type { ChatPort } from '../ai-judge/chat-client';
import type { AiJudgeTiming } from '../ai-judge/retry-policy';

/**
 * The ports the services need. Each host (Electron, CLI, end-to-end test)
 * supplies its own adapters in one composition root.
 */
export type StorePort = StoreApi;

export interface ExtractionPort {
  /**
   * `claimed`: the format the file's name claims (see ClaimedFormat).
   * Throws PoolUnavailableError when no worker can run at all; any other failure belongs to the file.
   */
  extract(bytes: Uint8Array, claimed?: ClaimedFormat): Promise<ExtractionResult>;
  close(): Promise<void>;
}

export interface SpellcheckPort {
  /** Throws PoolUnavailableError when no worker can run at all. */
  check(task: SpellcheckTask): Promise<SpellcheckResult>;
  close(): Promise<void>;
}

type Without<T> = Omit<T, 'kind'>;

/** What main asks of the comparative-judgement engine. Throws PoolUnavailableError when no worker can run at all. */
export interface CjPort {
  fit(task: Without<CjFitTask>): Promise<CjFit>;
  /** The next pair for a judge; ask ahead, while the judge reads the current one. */
  nextPair(task: Without<CjNextPairTask>): Promise<CjNextPair>;
  stopCheck(task: Without<CjStopTask>): Promise<CjStopVerdict>;
  grades(task: Without<CjGradeTask>): Promise<CjGradeProjection>;
  simulate(task: Without<CjSimulateTask>): Promise<CjSimulation>;
  /** Simulated sessions with a known truth: how right the grade probabilities are. */
  calibrateGrades(task: Without<CjGradeCalibrationTask>): Promise<CjGradeCalibration>;
  close(): Promise<void>;
}

/** Raised by every worker pool, so the message names the pool (extraction, spellcheck, cj). */
export class PoolUnavailableError extends Error {
  constructor(pool: string) {
    super(`The ${pool} workers could not start`);
    this.name = 'PoolUnavailableError';
  }
}

export interface SampleBatch {
  title: string;
  className: string;
  course: string;
  language: Language;
  files: IncomingFile[];
}

export interface SampleSource {
  read(): Promise<SampleBatch[]>;
}

export interface Clock {
  now(): string;
}

export interface IdSource {
  uuid(): string;
}

/**
 * Where the sync connector keeps the school's token and HMAC key: the OS
 * keychain through safeStorage in Electron, memory or a temp file in the CLI
 * and tests (the adapters, side by side: src-main/secrets/index.*.ts). Never the database, an event, a log, a backup or a payload.
 * `set` throws SecretsUnavailableError when secrets cannot be stored safely.
 */
export interface SecretStore {
  get(name: string): Promise<string | null>;
  set(name: string, value: string): Promise<void>;
}

/** Secrets cannot be kept safely on this machine (Electron: no OS keychain for safeStorage). */
export class SecretsUnavailableError extends Error {
  readonly code = 'SECRETS_UNAVAILABLE';
  constructor(message = 'Secrets cannot be stored safely on this computer') {
    super(message);
    this.name = 'SecretsUnavailableError';
  }
}

/** The sync connector's only way out: `fetch`, or a stand-in with its shape. */
export type HttpPort = (url: string, init: RequestInit) => Promise<Response>;

/** Retry timing of the sync connector: exponential backoff with full jitter, and the request timeout. */
export interface SyncTiming {
  baseDelayMs: number;
  maxDelayMs: number;
  timeoutMs: number;
}

/**
 * Where a restore leaves its safety copy of the data it replaces: beside the
 * teacher's other backups (in Electron, the downloads folder, where the
 * app's backups are saved by default). `save` rejects when the file cannot
 * be written. `remove` takes back a copy whose restore was refused: nothing
 * was replaced, so it would only be one more file to wonder about.
 */
export interface SafetyCopyFolder {
  save(fileName: string, text: string): Promise<void>;
  remove(fileName: string): Promise<void>;
}

export interface Ports {
  store: StorePort;
  extraction: ExtractionPort;
  spellcheck: SpellcheckPort;
  cj: CjPort;
  samples: SampleSource;
  logger: Logger;
  clock?: Clock;
  ids?: IdSource;
  /** Default: in memory (lost when the process ends). */
  secrets?: SecretStore;
  /** Default: the global fetch. */
  http?: HttpPort;
  /** A number in [0, 1), for backoff jitter. Default: Math.random. */
  random?: () => number;
  syncTiming?: Partial<SyncTiming>;
  /** The AI judge's way to the model server. Default: the openai package. */
  chat?: ChatPort;
  aiTiming?: Partial<AiJudgeTiming>;
  /** Absent in hosts whose database starts empty on every run (the CLI): there is nothing to keep. */
  safetyCopies?: SafetyCopyFolder;
}

export const systemClock: Clock = { now: () => new Date().toISOString() };
export const randomIds: IdSource = { uuid: () => crypto.randomUUID() };
