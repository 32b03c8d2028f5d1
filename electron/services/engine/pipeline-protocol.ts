/** Messages between a build's reading thread (pipeline-worker.ts) and the thread that writes. */
import type { JobProgress, JobStage } from '../../../shared/domain/job';
import type { ProfileV1 } from '../../../shared/profile/profile-types';
import type { PipelineOptions, PipelineStats } from './pipeline';
import type { RangeSpec } from './range-pass';
import type { ReadyBatch } from './batch-delivery';

export interface PipelineWorkerInput {
  path: string;
  profile: ProfileV1;
  options: PipelineOptions;
  /**
   * Hash here (true) or on the writing thread (false). A full build's writing thread is the busier
   * one (it serializes and stages every project); in a re-run or a preview it is mostly idle.
   */
  hash: boolean;
  /**
   * Every valid project goes into the feed (a full build): turn the batch into the feed's bytes
   * and the encoded staged projects here too (`ready`, with `packed` left empty), so the writing
   * thread only stores bytes it receives without a copy. Needs `hash`.
   */
  xml?: boolean;
  /** Read only this byte range of a CSV (split-pipeline.ts). */
  range?: RangeSpec;
}

export type FromPipelineWorker =
  /**
   * Valid projects of one batch, in their packed form only: strings clone by a copy of their
   * characters, while a project object graph costs a walk per field on both sides.
   */
  | { t: 'batch'; ids: string[]; hashes: string[] | null; packed: string[]; ready?: ReadyBatch }
  | { t: 'reset' }
  | { t: 'progress'; stage: JobStage; done: number; total: number | null; unit: JobProgress['unit'] }
  | { t: 'done'; stats: PipelineStats; range?: { seen: Float64Array; lastRow: number } }
  /** `fallback`: a range could not be read on its own (csv-range.ts); the file is read in one piece. */
  | { t: 'error'; kind: 'unusable' | 'cancelled' | 'fallback' | 'other'; code?: string; message: string; params?: Record<string, string | number> };

export type ToPipelineWorker = { t: 'ack' } | { t: 'cancel' };

/** Batches in flight before the reader waits for the writer: bounds memory when the disk is slower. */
export const MAX_IN_FLIGHT = 4;
export const BATCH = 2000;
