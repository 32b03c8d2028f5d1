/** Messages between the build's pipeline worker thread and the thread that writes the feed. */
import type { JobStage, JobProgress } from '../../../shared/domain/job';
import type { PreparedProject } from '../delta/index';
import type { ProfileV1 } from '../../../shared/profile/profile-types';
import type { PipelineOptions, PipelineStats } from './pipeline';

export interface PipelineWorkerInput {
  path: string;
  profile: ProfileV1;
  options: PipelineOptions;
}

export type FromPipelineWorker =
  /** Valid projects of one batch: JSON of FeedProject[] (one string clones far faster than objects). */
  | { t: 'batch'; json: string; prepared: PreparedProject[] }
  | { t: 'reset' }
  | { t: 'progress'; stage: JobStage; done: number; total: number | null; unit: JobProgress['unit'] }
  | { t: 'done'; stats: PipelineStats }
  | { t: 'error'; kind: 'unusable' | 'cancelled' | 'other'; code?: string; message: string; params?: Record<string, string | number> };

export type ToPipelineWorker = { t: 'ack' } | { t: 'cancel' };

/** Batches in flight before the reader waits for the writer: bounds memory when the disk is slower. */
export const MAX_IN_FLIGHT = 3;
export const WORKER_BATCH = 2000;
