import type { JobContext } from '../../../shared/domain/job';
import type { ProfileV1 } from '../../../shared/profile/profile-types';
import type { ValidationSummary } from '../../../shared/ipc/contract';
import type { SourceInfo } from '../../../shared/domain/source';
import type { RowSource } from '../reader/row-ranges';
import { runPipeline, type PipelineOptions, type PipelineSinks } from './pipeline';
import type { PagingRange } from './run-tally';

export interface ValidateOptions extends PipelineOptions {
  /** Keep every problem row and where each row is, for the Check screen (see `check`). */
  keep?: boolean;
}

/** What the Check screen takes over from a check: its store of problem rows and where each row is. */
export interface CheckData {
  storeFile: string;
  storeDir: string;
  source: RowSource;
  paging: PagingRange[];
}

export interface ValidationReport extends ValidationSummary {
  info: SourceInfo;
  excluded: number;
  schemaChecked: boolean;
  /** Data rows read (left-out ones included). */
  dataRows: number;
  /** How many issues of each code. */
  issueCounts: Record<string, number>;
  check: CheckData | null;
}

/** Rows of the file between two remembered offsets (the Check screen reads a page from the nearest one). */
const CHECK_MARK_EVERY = 64;

/** Reads and checks every row without writing anything: the Check screen and `validate`. */
export async function validateFile(path: string, profile: ProfileV1, options: ValidateOptions, ctx: JobContext,
  sinks: PipelineSinks = {}): Promise<ValidationReport> {
  const { keep = false, ...rest } = options;
  const s = await runPipeline(path, profile, rest, { mode: 'check', keep, markEvery: keep ? CHECK_MARK_EVERY : 0 }, ctx, sinks);
  return {
    info: s.info, rows: s.rows, excluded: s.excluded, projects: s.projects, valid: s.valid, rejected: s.rejected,
    errors: s.errors, warnings: s.warnings, issues: s.issues, issuesTruncated: s.issuesTruncated, schemaChecked: s.schemaChecked,
    dataRows: s.dataRows, issueCounts: s.issueCounts,
    check: s.check ? { storeFile: s.check.store.file, storeDir: s.check.store.dir, source: s.check.source, paging: s.check.paging } : null,
  };
}
