import type { JobContext } from '../../../shared/domain/job';
import type { ChangePreview } from '../../../shared/domain/run';
import type { ProfileV1 } from '../../../shared/profile/profile-types';
import type { AppDatabase } from '../db/database';
import { runPipeline, type PipelineOptions, type PipelineStats } from './pipeline';

export interface DiffReport {
  preview: ChangePreview;
  stats: Omit<PipelineStats, 'check'>;
}

/** The change preview without writing a feed or recording a run: `diff` and the Review screen. */
export async function previewChanges(app: AppDatabase, path: string, profile: ProfileV1,
  options: PipelineOptions, ctx: JobContext): Promise<DiffReport> {
  const db = { file: app.file, delivered: app.delivered, ...(app.nativeBinding ? { nativeBinding: app.nativeBinding } : {}) };
  const { check: _check, ...stats } = await runPipeline(path, profile, options, { mode: 'preview', db }, ctx);
  return { preview: stats.preview, stats };
}
