/**
 * The pipeline for build and diff: valid projects in batches with their delta form (id, hash,
 * stored values), so the delta can look up a batch at once and the feed decodes nothing twice.
 *
 * A build once also ran this on a second thread (reading there, writing here). `npm run bench`
 * showed no gain (1M rows: 60.7 s vs 61.5 s, and slower for a nothing-changed re-run) because the
 * reading side is the bottleneck and handing projects over costs as much as it saves; the job
 * already runs off the UI thread, so this stays on one thread.
 */
import type { FeedProject } from '../../../shared/domain/project';
import type { JobContext } from '../../../shared/domain/job';
import type { ProfileV1 } from '../../../shared/profile/profile-types';
import { prepareProject, type PreparedProject } from '../delta/index';
import { runPipeline, type PipelineOptions, type PipelineStats } from './pipeline';

export interface BatchSink {
  /** `project(i)` gives the i-th project of the batch; `prepared[i]` its delta form. */
  batch(prepared: PreparedProject[], project: (i: number) => FeedProject): void | Promise<void>;
  /** A second pass starts (non-adjacent duplicate Ids): forget what was received. */
  reset(): void | Promise<void>;
}

const BATCH = 2000;

export async function runPreparedPipeline(
  path: string,
  profile: ProfileV1,
  options: PipelineOptions,
  ctx: JobContext,
  sink: BatchSink,
): Promise<PipelineStats> {
  let projects: FeedProject[] = [];
  const flush = (): void | Promise<void> => {
    if (projects.length === 0) return;
    const batch = projects;
    projects = [];
    return sink.batch(batch.map(prepareProject), (i) => batch[i]!);
  };
  const stats = await runPipeline(path, profile, options, ctx, {
    accept: (p) => {
      if (p.rejected) return;
      projects.push(p.project);
      if (projects.length >= BATCH) return flush();
    },
    reset: async () => {
      projects = [];
      await sink.reset();
    },
  });
  await flush();
  return stats;
}
