/** Messages between a build's reading thread (pipeline-worker.ts) and the thread that writes. */
import type { JobProgress, JobStage } from '../../../shared/domain/job';
import type { ProfileV1 } from '../../../shared/profile/profile-types';
import type { PipelineOptions, PipelineStats } from './pipeline';
import type { RangeSpec } from './range-pass';
import type { EncodedProjects } from '../feed/feed-encoder';

export interface PipelineWorkerInput {
  path: string;
  profile: ProfileV1;
  options: PipelineOptions;
  /**
   * Every valid project goes into the feed (a full build): turn the batch into the feed's bytes
   * too (`xml`) and compress `staged` as history stores it, so the writing thread only stores
   * bytes it receives without a copy.
   */
  xml?: boolean;
  /** Only check the rows (validation): projects are counted but not packed or handed over. */
  discard?: boolean;
  /** Read only this byte range of a CSV (split-pipeline.ts). */
  range?: RangeSpec;
}

export type FromPipelineWorker =
  /**
   * Valid projects of one batch: Ids and hashes (what the delta compares), and every project's
   * packed values in one staged-codec.ts buffer (moved, not copied; compressed in a full build),
   * decoded on the writing thread only for projects it must show or write. A project object graph
   * would cost a walk per field on both sides, packed strings a copy of their characters.
   */
  | { t: 'batch'; ids: string[]; hashes: string[]; staged: Uint8Array; xml?: EncodedProjects }
  | { t: 'reset' }
  | { t: 'progress'; stage: JobStage; done: number; total: number | null; unit: JobProgress['unit'] }
  | { t: 'done'; stats: PipelineStats; range?: { seen: Float64Array; lastRow: number } }
  /** `fallback`: a range could not be read on its own (csv-range.ts); the file is read in one piece. */
  | { t: 'error'; kind: 'unusable' | 'cancelled' | 'fallback' | 'other'; code?: string; message: string; params?: Record<string, string | number> };

/**
 * `start` gives a thread started with `{ deferred: true }` its input: a split read starts its two
 * threads before it knows where the halves meet, so that loading their code (~0.2 s) and finding
 * the meeting point overlap.
 */
export type ToPipelineWorker =
  | { t: 'ack' }
  | { t: 'cancel' }
  | { t: 'start'; input: PipelineWorkerInput }
  /** A batch's XML buffer, written to the feed: the reading thread fills it again (see EncodedProjects.release). */
  | { t: 'recycle'; buffer: ArrayBuffer };

/** Batches in flight before the reader waits for the writer: bounds memory when the disk is slower. */
export const MAX_IN_FLIGHT = 4;
export const BATCH = 2000;
