/**
 * What a reading thread does, the same on any thread (reading-pool.ts): index a piece of a CSV
 * (the Id of every record), and read a range of rows into projects: edits and exclusions applied,
 * each row mapped and checked, rows of one Id next to each other put together, the projects
 * classified, written and staged (project-output.ts). Rows of an Id that also has rows elsewhere
 * (known from the index) go to its pile as they are (split-piles.ts); at the end each pile is read
 * the same way, its rows of each Id next to each other.
 */
import type { CellValue, SourceRow } from '../../../shared/domain/cell';
import type { RowIssue } from '../../../shared/domain/issue';
import type { AssembledProject, FeedProject } from '../../../shared/domain/project';
import type { ProjectSchema } from '../../../shared/domain/schema';
import type { ColumnInfo } from '../../../shared/domain/source';
import { alignCells, labelRestoredIssues, type ExtraRow, type RowOrigin } from '../../../shared/domain/restored-row';
import type { CellEdit } from '../../../shared/ipc/types';
import type { ProfileV1 } from '../../../shared/profile/profile-types';
import { compileMapping, type CompiledMapping } from '../../../shared/mapping/compile-mapping';
import { mergeInto, startProject } from '../../../shared/mapping/merge-projects';
import { threadId } from 'node:worker_threads';
import { openDeliveredReader } from '../db/database';
import type { DeliveredReader } from '../db/repositories/delivered-repository';
import { indexPiece, type IdKeyOf, type PieceIndex } from '../reader/csv-pieces';
import { readRows, type PlacedRow, type RowSource } from '../reader/row-ranges';
import { idKey, IdMap } from './id-set';
import { ProjectOutput, type BatchOutput, type OutputMode } from './project-output';
import { PileWriter, readPile } from './split-piles';

/** Everything a reading thread needs, sent once. */
export interface ReadingSetup {
  source: RowSource;
  profile: ProfileV1;
  headers: readonly string[];
  sampleRows: readonly SourceRow[];
  schema: ProjectSchema | null;
  edits: readonly CellEdit[];
  excludedRows: readonly number[];
  mode: OutputMode;
  /** The history database, for classifying against the delivered state (not for a check). */
  db: { file: string; nativeBinding?: string } | null;
  previewLimit: number;
  /** Give the byte offset of every this-many-th row (the Check screen pages from them); 0: none. */
  markEvery: number;
  /** Rows with problems handed back: all (the Check screen's store, a stream) or the first ones up to this many issues. */
  problems: 'all' | number;
}

/** What the index found, for every range: Ids whose rows lie apart, rows whose Id differs from an earlier one only in case. */
export interface ReadingPlan {
  /** The piles of the Ids whose rows lie apart (split-keys.ts), and the folder their files go to. */
  piles: { keys: Float64Array; values: Int32Array; dir: string } | null;
  /** [row, earlier row] pairs. */
  caseRows: Array<[number, number]>;
  /** Where each restored row came from (its issues name it). */
  origins: Array<[number, RowOrigin]>;
}

export type ReadingTask =
  | { t: 'index'; start: number; end: number }
  | { t: 'read'; start: number; end: number; firstRecord: number }
  /** Rows restored from earlier imports, after the file's own (their cells placed by header). */
  | { t: 'extra'; rows: readonly ExtraRow[] }
  /** A pile of Ids whose rows lie apart, put together. */
  | { t: 'finish'; pile: number };

/** A row with problems, as the Check screen and the history keep it. */
export interface ProblemRow {
  row: number;
  id: string | null;
  errors: number;
  warnings: number;
  issues: RowIssue[];
}

export interface RangeResult {
  counts: { rows: number; excluded: number; projects: number; valid: number; rejected: number; errors: number; warnings: number };
  /** Issues by code (all of them, also beyond the problem rows handed back). */
  byCode: Record<string, number>;
  problems: ProblemRow[];
  output: BatchOutput;
  /** Data rows read and, for paging, [data row index, row number, byte offset] of every markEvery-th. */
  dataRows: number;
  marks: number[];
  /** For the Check screen (with marks): every data row's number and Id key, left-out rows included. */
  rowNumbers: Int32Array | null;
  keys: Float64Array | null;
}

export type TaskResult = PieceIndex | RangeResult;

export class ReadingWork {
  private readonly compiled: CompiledMapping;
  private readonly edits = new Map<number, Map<number, string>>();
  private readonly excluded: Set<number>;
  private readonly output: ProjectOutput;
  private readonly closeDb: () => void;
  private piles: PileWriter | null = null;
  /** The Id key of a row's Id cell as mapping reads it (0: no Id). */
  readonly keyOf: IdKeyOf;

  /** `delivered`: the calling thread's own view, when the work runs there (reading-pool.ts, 0 threads). */
  constructor(private readonly setup: ReadingSetup, delivered?: DeliveredReader) {
    this.compiled = compileFor(setup);
    const norm = (s: string): string => s.trim().toLowerCase();
    for (const e of setup.edits) {
      const col = setup.headers.findIndex((h) => norm(h) === norm(e.column));
      if (col < 0) continue;
      let m = this.edits.get(e.row);
      if (!m) this.edits.set(e.row, (m = new Map()));
      m.set(col, e.value);
    }
    this.excluded = new Set(setup.excludedRows);
    const classify = setup.db !== null && setup.mode !== 'check';
    const reader = classify && !delivered ? openDeliveredReader(setup.db!.file, setup.db!) : null;
    this.closeDb = () => reader?.close();
    this.output = new ProjectOutput(setup.mode, classify ? (delivered ?? reader!.delivered) : null, setup.previewLimit);
    this.keyOf = idKeyReader(this.compiled, setup.headers.length);
  }

  /** A feed buffer the writing thread is done with, to be filled again (a few are kept). */
  recycle(buffer: ArrayBuffer): void {
    if (this.output.spare.length < 2) this.output.spare.push(buffer);
  }

  setPlan(plan: ReadingPlan): void {
    this.piles = plan.piles ? new PileWriter(plan.piles.dir, new IdMap(plan.piles), String(threadId)) : null;
    this.caseRows = new Map(plan.caseRows);
    this.origins = new Map(plan.origins);
  }

  private caseRows = new Map<number, number>();
  private origins = new Map<number, RowOrigin>();

  async run(task: ReadingTask): Promise<TaskResult> {
    if (task.t === 'index') {
      const src = this.setup.source;
      if (src.kind !== 'csv') throw new Error('Only a CSV is indexed in pieces.');
      return indexPiece(src.layout, task.start, task.end, this.compiled.idColumn, this.keyOf);
    }
    if (task.t === 'read') {
      return this.assemble(await readRows(this.setup.source, task.start, task.end, task.firstRecord, { offsets: this.setup.markEvery > 0 }), false);
    }
    if (task.t === 'finish') return this.assemble(placed(readPile(this.piles!.dir, task.pile)), true);
    const { headers } = this.setup;
    const rows: PlacedRow[] = task.rows.map((e, i) => ({ row: e.row, cells: alignCells(headers, e.headers, e.cells).cells, at: -1, record: i }));
    return this.assemble([rows], false);
  }

  close(): void {
    this.closeDb();
  }

  /** Projects handed to the output at a time: few enough to die young (see readRows). */
  private static readonly PROJECTS = 64;

  /**
   * Reads rows into projects. A range or the restored rows (`pile` false) numbers its rows for the
   * Check screen and sends rows of split Ids to their piles; a pile's rows were numbered already.
   */
  private assemble(batches: Iterable<readonly PlacedRow[]>, pile: boolean): RangeResult {
    const counts = { rows: 0, excluded: 0, projects: 0, valid: 0, rejected: 0, errors: 0, warnings: 0 };
    const problems: ProblemRow[] = [];
    const byCode: Record<string, number> = {};
    const limit = this.setup.problems === 'all' ? Infinity : this.setup.problems;
    let handed = 0;
    let valid: FeedProject[] = [];
    const marks: number[] = [];
    const markEvery = pile ? 0 : this.setup.markEvery;
    const rowNumbers: number[] | null = markEvery > 0 ? [] : null;
    const keys: number[] | null = markEvery > 0 ? [] : null;
    const piles = pile ? null : this.piles;
    let open: AssembledProject | null = null;
    const emit = (p: AssembledProject): void => {
      counts.projects++;
      if (p.rejected) counts.rejected++;
      else {
        counts.valid++;
        if (!this.output.wants) return;
        valid.push(p.project);
        if (valid.length >= ReadingWork.PROJECTS) {
          this.output.add(valid);
          valid = [];
        }
      }
    };
    let n = 0;
    for (const batch of batches) {
      for (const source of batch) {
        if (markEvery > 0 && n % markEvery === 0) marks.push(n, source.row, source.at);
        n++;
        const row = pile ? source : this.edited(source);
        rowNumbers?.push(row.row);
        if (this.excluded.has(source.row)) {
          counts.excluded++;
          keys?.push(this.keyOfRow(row));
          continue;
        }
        if (piles) {
          const id = this.compiled.idOf(row);
          const at = id === null ? -1 : piles.pileOf(idKey(id));
          if (at >= 0) {
            keys?.push(idKey(id!));
            piles.add(at, id!, row);
            continue;
          }
        }
        counts.rows++;
        const r = this.compiled.mapRow(row);
        keys?.push(r.id === null ? 0 : idKey(r.id));
        const otherRow = this.caseRows.get(row.row);
        if (otherRow !== undefined && r.id !== null) r.issues.push(caseIssue(row.row, r.id, otherRow, this.compiled));
        let problem: ProblemRow | null = null;
        if (r.issues.length > 0) {
          labelRestoredIssues(r.issues, this.origins);
          problem = { row: row.row, id: r.id, errors: 0, warnings: 0, issues: r.issues };
          for (const i of r.issues) {
            if (i.severity === 'error') problem.errors++;
            else problem.warnings++;
            byCode[i.code] = (byCode[i.code] ?? 0) + 1;
          }
          counts.errors += problem.errors;
          counts.warnings += problem.warnings;
          if (handed < limit) {
            problems.push(problem);
            handed += r.issues.length;
          }
        }
        // A totals row ("Összesen: 2 ügyfél") is left out like an excluded row; its warning says so.
        if (r.summary) {
          counts.excluded++;
          continue;
        }
        if (r.id === null || r.project === null) {
          // A row without a usable Id is rejected on its own: it cannot belong to any Project.
          counts.rejected++;
          continue;
        }
        if (open && open.project.Id === r.id) {
          const conflicts = mergeInto(open, r, row.row);
          if (conflicts.length > 0) {
            for (const i of conflicts) byCode[i.code] = (byCode[i.code] ?? 0) + 1;
            this.addIssues(handed < limit ? problems : [], counts, problem, row.row, r.id, conflicts);
            handed += conflicts.length;
          }
          continue;
        }
        if (open) emit(open);
        open = startProject(r, row.row);
      }
    }
    if (open) emit(open);
    this.output.add(valid);
    piles?.flush();
    return {
      counts, byCode, problems, output: this.output.finish(), dataRows: pile ? 0 : n, marks,
      rowNumbers: rowNumbers ? Int32Array.from(rowNumbers) : null, keys: keys ? Float64Array.from(keys) : null,
    };
  }

  /** Merge conflicts found on `row`: added to its problems (a new entry when it had none). */
  private addIssues(problems: ProblemRow[], counts: RangeResult['counts'], problem: ProblemRow | null, row: number, id: string, issues: RowIssue[]): void {
    let p = problem;
    if (!p) problems.push((p = { row, id, errors: 0, warnings: 0, issues: [] }));
    for (const i of issues) {
      p.issues.push(i);
      if (i.severity === 'error') {
        p.errors++;
        counts.errors++;
      } else {
        p.warnings++;
        counts.warnings++;
      }
    }
  }

  private keyOfRow(row: SourceRow): number {
    const id = this.compiled.idOf(row);
    return id === null ? 0 : idKey(id);
  }

  private edited(row: SourceRow): SourceRow {
    const m = this.edits.get(row.row);
    if (!m) return row;
    const cells: CellValue[] = row.cells.slice();
    for (const [col, value] of m) cells[col] = value;
    return { row: row.row, cells };
  }
}

export function compileFor(setup: Pick<ReadingSetup, 'profile' | 'headers' | 'sampleRows' | 'schema'>, columns?: readonly ColumnInfo[]): CompiledMapping {
  return compileMapping(setup.profile, setup.headers, {
    schema: setup.schema,
    sampleRows: setup.sampleRows,
    ...(columns ? { columns } : {}),
    ...(setup.profile.phoneRegion ? { phoneRegion: setup.profile.phoneRegion } : {}),
  });
}

/** The Id key of a row's Id cell as mapping reads it (0: no Id): all the index pass needs of a row. */
export function idKeyReader(compiled: CompiledMapping, width: number): IdKeyOf {
  const row: { row: number; cells: CellValue[] } = { row: 0, cells: new Array<CellValue>(width).fill(null) };
  const col = compiled.idColumn;
  let last: string | null = null;
  let lastKey = 0;
  const keyOf = (cell: CellValue): number => {
    if (col >= 0) row.cells[col] = cell === '' ? null : cell;
    last = compiled.idOf(row);
    lastKey = last === null ? 0 : idKey(last);
    return lastKey;
  };
  return Object.assign(keyOf, {
    fold: (): number => {
      if (last === null) return 0;
      const lower = last.toLowerCase();
      return lower === last ? lastKey : idKey(lower);
    },
  });
}

function caseIssue(row: number, id: string, otherRow: number, compiled: CompiledMapping): RowIssue {
  return {
    row, column: compiled.sources['project.Id'] ?? '', field: 'project.Id', value: id, severity: 'warning', code: 'id-case-conflict',
    message: `Row ${row}: the Id "${id}" differs from the Id in row ${otherRow} only in upper/lower case; MiniCRM makes two separate cards of them.`,
    params: { value: id, otherRow },
  };
}

/** A pile's rows of each Id, as rows of a range (they have no place in the file to page from). */
function* placed(ids: Iterable<readonly SourceRow[]>): Generator<PlacedRow[]> {
  for (const rows of ids) yield rows.map((r, record) => ({ row: r.row, cells: r.cells, at: -1, record }));
}
