import type { JobContext } from '../../../shared/domain/job';
import type { ProfileV1 } from '../../../shared/profile/profile-types';
import type { ValidationSummary } from '../../../shared/ipc/contract';
import type { SourceInfo } from '../../../shared/domain/source';
import type { KeptRow, PipelineOptions } from './pipeline';
import { runCheckPipeline } from './prepared-pipeline';

export type ValidateOptions = PipelineOptions;

export interface ValidationReport extends ValidationSummary {
  info: SourceInfo;
  excluded: number;
  kept: KeptRow[];
  schemaChecked: boolean;
}

/**
 * Reads and checks every row without writing anything: the Check screen and `validate`. A large
 * CSV is checked by two threads, one per half (prepared-pipeline.ts).
 */
export async function validateFile(
  path: string,
  profile: ProfileV1,
  options: ValidateOptions,
  ctx: JobContext,
): Promise<ValidationReport> {
  const s = await runCheckPipeline(path, profile, options, ctx);
  return {
    info: s.info,
    rows: s.rows,
    excluded: s.excluded,
    projects: s.projects,
    valid: s.valid,
    rejected: s.rejected,
    errors: s.errors,
    warnings: s.warnings,
    issues: s.issues,
    issuesTruncated: s.issuesTruncated,
    kept: s.kept,
    schemaChecked: s.schemaChecked,
  };
}
