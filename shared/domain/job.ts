/** Progress of a long job, pushed to the UI and printed by the CLI. */
export type JobStage =
  | 'reading'
  | 'validating'
  | 'writing'
  | 'recording'
  | 'uploading'
  | 'triggering'
  | 'linking'
  | 'verifying'
  | 'waiting';

export interface JobProgress {
  jobId: string;
  stage: JobStage;
  done: number;
  /** null when the total is not known yet (e.g. rows of a CSV before the end). */
  total: number | null;
  unit: 'rows' | 'bytes' | 'projects' | 'batches' | 'seconds';
}

/** What every long-running service receives: a way to report progress and to notice a cancel. */
export interface JobContext {
  readonly signal: AbortSignal;
  progress(stage: JobStage, done: number, total: number | null, unit: JobProgress['unit']): void;
}

export const silentJobContext = (signal: AbortSignal = new AbortController().signal): JobContext => ({
  signal,
  progress: () => undefined,
});
