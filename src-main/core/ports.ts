import type { ExtractionResult } from '../../shared/contracts/extraction';
import type { SpellcheckResult, SpellcheckTask } from '../../shared/contracts/spellcheck';
import type {
  CjFit,
  CjFitTask,
  CjGradeProjection,
  CjGradeTask,
  CjNextPair,
  CjNextPairTask,
  CjSimulateTask,
  CjSimulation,
  CjStopTask,
  CjStopVerdict,
} from '../../shared/contracts/cj';
import type { IncomingFile } from '../../shared/contracts/ipc';
import type { Language } from '../../shared/contracts/domain';
import type { StoreApi } from '../../shared/db/store';
import type { Logger } from './logger';

/**
 * The ports the services need. Each host (Electron, CLI, end-to-end test)
 * supplies its own adapters in one composition root.
 */
export type StorePort = StoreApi;

export interface ExtractionPort {
  /** Throws PoolUnavailableError when no worker can run at all; any other failure belongs to the file. */
  extract(bytes: Uint8Array): Promise<ExtractionResult>;
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
  close(): Promise<void>;
}

export class PoolUnavailableError extends Error {
  constructor() {
    super('The extraction workers could not start');
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

export interface Ports {
  store: StorePort;
  extraction: ExtractionPort;
  spellcheck: SpellcheckPort;
  cj: CjPort;
  samples: SampleSource;
  logger: Logger;
  clock?: Clock;
  ids?: IdSource;
}

export const systemClock: Clock = { now: () => new Date().toISOString() };
export const randomIds: IdSource = { uuid: () => crypto.randomUUID() };
