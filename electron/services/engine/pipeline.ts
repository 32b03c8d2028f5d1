/**
 * The streaming core shared by validate, diff and build: read rows -> map + validate each row ->
 * assemble rows that share an Id into one Project -> hand each finished Project to a sink.
 *
 * Why two passes exist at all: rows of one Project are usually adjacent (exports sorted by
 * customer), and then one streaming pass with bounded memory is enough. When an Id turns up again
 * after other Ids (non-adjacent duplicates), the first pass has already handed part of that
 * Project to the sink; we then reset the sink and read the file once more, holding only those
 * split Projects in memory until their last row. Memory stays proportional to the split
 * Projects, not to the file.
 */
import type { AssembledProject } from '../../../shared/domain/project';
import type { CellValue, SourceRow } from '../../../shared/domain/cell';
import { cellText } from '../../../shared/domain/cell';
import type { RowIssue } from '../../../shared/domain/issue';
import type { JobContext } from '../../../shared/domain/job';
import type { SourceInfo, SourceOptions } from '../../../shared/domain/source';
import type { ProjectSchema } from '../../../shared/domain/schema';
import type { ProfileV1 } from '../../../shared/profile/profile-types';
import { CancelledError } from '../../../shared/domain/errors';
import { compileMapping, type CompiledMapping, type RowResult } from '../../../shared/mapping/compile-mapping';
import { mergeInto, startProject } from '../../../shared/mapping/merge-projects';
import { detachString } from '../reader/cell-values';
import { openSource, type SourceHandle } from '../reader/index';
import type { ExtraRow } from '../../../shared/domain/restored-row';
import { labelExtraIssues, withExtraRows } from './extra-rows';
import { IdHashSet } from './id-set';
import { IssueCollector } from './issue-collector';
import { sourceOptionsFor } from './source-options';

export interface CellEdit {
  row: number;
  /** Column header as in the file. */
  column: string;
  value: string;
}

export interface PipelineOptions extends SourceOptions {
  edits?: readonly CellEdit[];
  excludedRows?: readonly number[];
  schema?: ProjectSchema | null;
  /** Keep up to this many rows (text cells + issues) for the Check screen's grid. */
  keepRows?: number;
  /** Issues kept in memory; counts stay exact beyond it. */
  maxIssues?: number;
  /** Rows read after the file's own rows (parked rows restored into this import). */
  extraRows?: readonly ExtraRow[];
}

export interface KeptRow {
  row: number;
  cells: string[];
  issues: RowIssue[];
}

export interface PipelineStats {
  info: SourceInfo;
  rows: number;
  excluded: number;
  projects: number;
  valid: number;
  rejected: number;
  errors: number;
  warnings: number;
  issues: RowIssue[];
  issuesTruncated: boolean;
  kept: KeptRow[];
  schemaChecked: boolean;
  /** 2 when non-adjacent duplicate Ids forced a second read. */
  passes: number;
  /** 2 when two threads read the two halves of the file at once (split-pipeline.ts). */
  parts: number;
}

export interface ProjectSink {
  /** Receives every assembled Project (valid and rejected) in output order. */
  accept(p: AssembledProject): void | Promise<void>;
  /** Called before a second pass: forget everything accepted so far. */
  reset(): void | Promise<void>;
}

export const nullSink: ProjectSink = { accept: () => undefined, reset: () => undefined };

export async function runPipeline(
  path: string,
  profile: ProfileV1,
  options: PipelineOptions,
  ctx: JobContext,
  sink: ProjectSink,
): Promise<PipelineStats> {
  const extras = options.extraRows ?? [];
  const handle = withExtraRows(await openSource(path, sourceOptionsFor(profile, options)), extras);
  const compiled = compileFor(handle, profile, options);
  const first = await runPass(handle, compiled, options, ctx, sink, null);
  if (first.split.size === 0) return labelExtraIssues(finish(handle.info, compiled, first, 1), extras);
  await sink.reset();
  const again = withExtraRows(await openSource(path, sourceOptionsFor(profile, options)), extras);
  const second = await runPass(again, compiled, options, ctx, sink, first.split);
  return labelExtraIssues(finish(handle.info, compiled, second, 2), extras);
}

export function compileFor(handle: SourceHandle, profile: ProfileV1, options: PipelineOptions): CompiledMapping {
  return compileMapping(profile, handle.info.headers, {
    schema: options.schema ?? null,
    sampleRows: handle.info.preview,
    ...(profile.phoneRegion ? { phoneRegion: profile.phoneRegion } : {}),
  });
}

export interface PassResult {
  rows: number;
  excluded: number;
  projects: number;
  valid: number;
  rejected: number;
  issues: IssueCollector;
  kept: KeptRow[];
  /** Id -> row number of its last row, for Ids whose rows are not adjacent. */
  split: Map<string, number>;
  /** Every Id of a first pass. */
  seen: IdHashSet | null;
}

/**
 * One pass over `handle`'s rows; `split` (second pass) holds the Ids to assemble out of order.
 * `onSplit` is called at the first non-adjacent Id of a first pass (it may throw to stop there).
 */
export async function runPass(
  handle: SourceHandle,
  compiled: CompiledMapping,
  options: PipelineOptions,
  ctx: JobContext,
  sink: ProjectSink,
  split: Map<string, number> | null,
  onSplit?: () => void,
): Promise<PassResult> {
  // Only the first pass needs every Id, to notice duplicates that are not adjacent.
  const seen = split ? null : new IdHashSet();
  const res: PassResult = {
    rows: 0, excluded: 0, projects: 0, valid: 0, rejected: 0,
    issues: new IssueCollector(options.maxIssues ?? 50_000), kept: [], split: new Map(), seen,
  };
  const excluded = new Set(options.excludedRows ?? []);
  const edits = indexEdits(handle.info.headers, options.edits ?? []);
  const keepRows = options.keepRows ?? 0;
  const held = new Map<string, AssembledProject>();
  let open: AssembledProject | null = null;
  let lastReport = 0;

  // Synchronous unless the sink is (a promise per project would cost a microtask a row).
  const emit = (p: AssembledProject): void | Promise<void> => {
    res.projects++;
    if (p.rejected) res.rejected++;
    else res.valid++;
    // After the first split Id the first pass only scans: its output will be replaced.
    if (res.split.size === 0) return sink.accept(p);
  };

  // Cells may stay views into the reader's chunks unless something outlives the batch: kept rows,
  // or projects held until their last row in a second pass (issues detach their own strings).
  const detach = keepRows > 0 || split !== null;
  for await (const batch of handle.rows(ctx, { detach })) {
    if (ctx.signal.aborted) throw new CancelledError();
    for (const source of batch) {
      if (excluded.has(source.row)) {
        res.excluded++;
        continue;
      }
      const row = edits.size ? applyEdits(source, edits) : source;
      res.rows++;
      const r: RowResult = compiled.mapRow(row);
      if (r.issues.length) res.issues.addAll(r.issues);
      if (keepRows > res.kept.length) res.kept.push({ row: row.row, cells: row.cells.map(cellText), issues: r.issues });
      // A totals row ("Összesen: 2 ügyfél") is left out like an excluded row; its warning says so.
      if (r.summary) {
        res.excluded++;
        continue;
      }
      if (r.id === null || r.project === null) {
        // A row without a usable Id is rejected on its own: it cannot belong to any Project.
        res.rejected++;
        continue;
      }
      if (split?.has(r.id)) {
        const h = held.get(r.id);
        if (h) res.issues.addAll(mergeInto(h, r, row.row));
        else held.set(r.id, startProject(r, row.row));
        if (split.get(r.id) === row.row) {
          const pending = emit(held.get(r.id)!);
          held.delete(r.id);
          if (pending) await pending;
        }
        continue;
      }
      if (open && open.project.Id === r.id) {
        res.issues.addAll(mergeInto(open, r, row.row));
        if (res.split.has(r.id)) res.split.set(r.id, row.row);
        continue;
      }
      if (open) {
        const pending = emit(open);
        if (pending) await pending;
      }
      open = startProject(r, row.row);
      // A copy of the Id: the map outlives the batch, the reader's chunk must not.
      if (seen?.addSeen(r.id)) {
        onSplit?.();
        res.split.set(detachString(r.id), row.row);
      }
    }
    const now = Date.now();
    if (now - lastReport > 100) {
      lastReport = now;
      ctx.progress('validating', res.rows, handle.info.dataRows, 'rows');
    }
  }
  if (open) await emit(open);
  ctx.progress('validating', res.rows, res.rows, 'rows');
  return res;
}

export function finish(info: SourceInfo, compiled: CompiledMapping, r: PassResult, passes: number): PipelineStats {
  return {
    info,
    rows: r.rows,
    excluded: r.excluded,
    projects: r.projects,
    valid: r.valid,
    rejected: r.rejected,
    errors: r.issues.errors,
    warnings: r.issues.warnings,
    issues: r.issues.list,
    issuesTruncated: r.issues.truncated,
    kept: r.kept,
    schemaChecked: compiled.schemaChecked,
    passes,
    parts: 1,
  };
}

function indexEdits(headers: readonly string[], edits: readonly CellEdit[]): Map<number, Map<number, string>> {
  const byRow = new Map<number, Map<number, string>>();
  const norm = (s: string) => s.trim().toLowerCase();
  for (const e of edits) {
    const col = headers.findIndex((h) => norm(h) === norm(e.column));
    if (col < 0) continue;
    let m = byRow.get(e.row);
    if (!m) byRow.set(e.row, (m = new Map()));
    m.set(col, e.value);
  }
  return byRow;
}

function applyEdits(row: SourceRow, edits: Map<number, Map<number, string>>): SourceRow {
  const m = edits.get(row.row);
  if (!m) return row;
  const cells: CellValue[] = row.cells.slice();
  for (const [col, value] of m) cells[col] = value;
  return { row: row.row, cells };
}
