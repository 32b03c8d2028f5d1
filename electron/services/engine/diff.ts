import type { JobContext } from '../../../shared/domain/job';
import type { ChangePreview } from '../../../shared/domain/run';
import type { ProfileV1 } from '../../../shared/profile/profile-types';
import type { AppDatabase } from '../db/database';
import { DeltaClassifier } from '../delta/index';
import type { PipelineOptions, PipelineStats } from './pipeline';
import { runPreparedPipeline } from './prepared-pipeline';

export interface DiffReport {
  preview: ChangePreview;
  stats: Omit<PipelineStats, 'kept'>;
}

/** The change preview without writing a feed or recording a run: `diff` and the Review screen. */
export async function previewChanges(
  app: AppDatabase,
  path: string,
  profile: ProfileV1,
  options: PipelineOptions & { previewLimit?: number },
  ctx: JobContext,
): Promise<DiffReport> {
  const make = () => new DeltaClassifier(app, { mode: 'changed', previewLimit: options.previewLimit ?? 1000 });
  let delta = make();
  const stats = await runPreparedPipeline(path, profile, { ...options, keepRows: 0 }, ctx, {
    batch: (prepared) => void delta.classifyPrepared(prepared),
    reset: () => void (delta = make()),
  });
  delta.addRejected(stats.rejected);
  const { kept: _kept, ...rest } = stats;
  return { preview: delta.preview(), stats: rest };
}
