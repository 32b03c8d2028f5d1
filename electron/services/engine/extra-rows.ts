/**
 * Extra rows after the file's own rows (parked rows restored into this import), added at the row
 * source: the pipeline reads them like any other row, so edits, exclusions, mapping, merging of
 * rows that share an Id and both passes apply to them unchanged.
 */
import type { SourceRow } from '../../../shared/domain/cell';
import { alignCells, labelRestoredIssues, type ExtraRow, type RowOrigin } from '../../../shared/domain/restored-row';
import type { SourceHandle } from '../reader/index';
import type { PipelineStats } from './pipeline';

/** The handle with `extras` appended after its last batch, cells placed by header name. */
export function withExtraRows(handle: SourceHandle, extras: readonly ExtraRow[]): SourceHandle {
  if (extras.length === 0) return handle;
  const rows: SourceRow[] = extras.map((e) => ({ row: e.row, cells: alignCells(handle.info.headers, e.headers, e.cells).cells }));
  return {
    info: handle.info,
    async *rows(ctx, opts) {
      yield* handle.rows(ctx, opts);
      yield rows;
    },
  };
}

/** Names the restored rows' origin in the issues the run reports and the Check grid shows. */
export function labelExtraIssues(stats: PipelineStats, extras: readonly ExtraRow[]): PipelineStats {
  if (extras.length === 0) return stats;
  const origins = new Map<number, RowOrigin>(extras.map((e) => [e.row, e.origin]));
  labelRestoredIssues(stats.issues, origins);
  for (const k of stats.kept) if (origins.has(k.row)) labelRestoredIssues(k.issues, origins);
  return stats;
}
