/**
 * One byte range of a large CSV read by the pipeline (see split-pipeline.ts): a single pass that
 * gives up (SplitFallbackError) at the first Id whose rows are not adjacent, because putting such
 * a Project together may need rows from the other range. It returns the Ids it saw, so the caller
 * can prove no Project has rows in both ranges, and the number of its last record, so the caller
 * can prove the second range's row numbers were right.
 */
import type { JobContext } from '../../../shared/domain/job';
import type { ProfileV1 } from '../../../shared/profile/profile-types';
import { openSource, type SourceHandle } from '../reader/index';
import { SplitFallbackError, type ByteRange } from '../reader/csv-range';
import { labelExtraIssues, withExtraRows } from './extra-rows';
import { compileFor, finish, runPass, type PipelineOptions, type PipelineStats, type ProjectSink } from './pipeline';
import { sourceOptionsFor } from './source-options';

export type RangeSpec = Omit<ByteRange, 'onEnd'>;

export interface RangeResult {
  stats: PipelineStats;
  /** IdHashSet keys of every Id the range saw. */
  seen: Float64Array;
  /** Number of the range's last record (before any extra rows). */
  lastRow: number;
}

export async function runRangePass(
  path: string,
  profile: ProfileV1,
  options: PipelineOptions,
  range: RangeSpec,
  ctx: JobContext,
  sink: ProjectSink,
): Promise<RangeResult> {
  const extras = options.extraRows ?? [];
  const opened = await openSource(path, sourceOptionsFor(profile, options));
  let lastRow = -1;
  const ranged: SourceHandle = {
    info: opened.info,
    rows: (c, o) => opened.rows(c, { ...o, range: { ...range, onEnd: (n) => (lastRow = n) } }),
  };
  const handle = withExtraRows(ranged, extras);
  const compiled = compileFor(handle, profile, options);
  const pass = await runPass(handle, compiled, options, ctx, sink, null, () => {
    throw new SplitFallbackError("a Project's rows are not next to each other");
  });
  if (lastRow < 0) throw new SplitFallbackError('the range was not read to its end');
  const stats = labelExtraIssues(finish(opened.info, compiled, pass, 1), extras);
  return { stats, seen: pass.seen!.keys, lastRow };
}
