/**
 * The numbers of one read, added up from the ranges' results in file order: the one place a run's
 * counts come from (the Check screen, the change preview, the history and the CLI all show these).
 */
import type { RowIssue } from '../../../shared/domain/issue';
import type { SourceInfo } from '../../../shared/domain/source';
import type { ChangePreview } from '../../../shared/domain/run';
import type { CompiledMapping } from '../../../shared/mapping/compile-mapping';
import { detachString } from '../reader/cell-values';
import type { RowRange, RowSource } from '../reader/row-ranges';
import type { ScratchStore } from '../db/scratch-store';
import type { BatchOutput } from './project-output';
import type { RangeResult } from './reading-work';

/** Where the Check screen finds a data row again: per range, the rows before it and offsets of some of its rows. */
export interface PagingRange {
  /** Data rows in earlier ranges. */
  before: number;
  rows: number;
  end: number;
  /** [data row index in the range, row number, byte offset] triples (offset -1: a restored row). */
  marks: number[];
  /** Each data row's number and Id key (0: none). */
  rowNumbers: Int32Array;
  keys: Float64Array;
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
  /** The issues of the first rows, in row order (see `issuesTruncated`; every one went to the sinks). */
  issues: RowIssue[];
  issuesTruncated: boolean;
  /** How many issues of each code (all of them). */
  issueCounts: Record<string, number>;
  schemaChecked: boolean;
  /** Projects the feed carries (a build). */
  written: number;
  preview: ChangePreview;
  /** Data rows read (file rows and restored rows, left-out ones included). */
  dataRows: number;
  threads: number;
  /** For the Check screen (kept only when asked): the store of problem rows and where rows are. */
  check: { store: ScratchStore; source: RowSource; paging: PagingRange[] } | null;
}

export class RunTally {
  private readonly counts = { rows: 0, excluded: 0, projects: 0, valid: 0, rejected: 0, errors: 0, warnings: 0 };
  private readonly issues: RowIssue[] = [];
  private readonly byCode: Record<string, number> = {};
  private readonly preview: ChangePreview = { counts: { new: 0, changed: 0, unchanged: 0, rejected: 0 }, changed: [], added: [], truncated: false };
  private written = 0;
  private dataRows = 0;
  private readonly paging: PagingRange[] = [];

  constructor(private readonly info: SourceInfo, private readonly compiled: CompiledMapping, private readonly maxIssues: number,
    private readonly source: RowSource, private readonly ranges: readonly RowRange[], private readonly previewLimit = 1000) {
    // File-level findings (custom fields MiniCRM's schema does not list) are warnings like any other.
    this.addIssues(compiled.notes);
    this.count(compiled.notes);
    this.counts.warnings += compiled.notes.length;
  }

  /** Data rows the index found (the total for progress). */
  expectedRows(headerRow: number): number {
    let n = 0;
    for (const r of this.ranges) n += r.records;
    return this.source.kind === 'csv' ? Math.max(0, n - headerRow) : n;
  }

  get rowsSeen(): number {
    return this.dataRows;
  }

  add(r: RangeResult): void {
    const c = this.counts;
    c.rows += r.counts.rows;
    c.excluded += r.counts.excluded;
    c.projects += r.counts.projects;
    c.valid += r.counts.valid;
    c.rejected += r.counts.rejected;
    c.errors += r.counts.errors;
    c.warnings += r.counts.warnings;
    for (const p of r.problems) this.addIssues(p.issues);
    for (const [code, n] of Object.entries(r.byCode)) this.byCode[code] = (this.byCode[code] ?? 0) + n;
    this.output(r.output);
    if (r.rowNumbers && r.keys) {
      this.paging.push({
        before: this.dataRows, rows: r.dataRows, end: this.ranges[this.paging.length]?.end ?? -1, marks: r.marks,
        rowNumbers: r.rowNumbers, keys: r.keys,
      });
    }
    this.dataRows += r.dataRows;
  }

  output(o: BatchOutput): void {
    const p = this.preview;
    p.counts.new += o.counts.new;
    p.counts.changed += o.counts.changed;
    p.counts.unchanged += o.counts.unchanged;
    this.written += o.written;
    for (const e of o.changed) {
      if (p.changed.length < this.previewLimit) p.changed.push(e);
      else p.truncated = true;
    }
    for (const e of o.added) {
      if (p.added.length < this.previewLimit) p.added.push(e);
      else p.truncated = true;
    }
    if (o.truncated) p.truncated = true;
  }

  stats(check: { store: ScratchStore; source: RowSource } | null, threads: number): PipelineStats {
    this.preview.counts.rejected = this.counts.rejected;
    return {
      info: this.info, ...this.counts, issues: this.firstIssues(), issuesTruncated: this.issues.length < this.counts.errors + this.counts.warnings,
      issueCounts: this.byCode,
      schemaChecked: this.compiled.schemaChecked, written: this.written, preview: this.preview, dataRows: this.dataRows, threads,
      check: check ? { ...check, paging: this.paging } : null,
    };
  }

  /**
   * The maxIssues issues of the lowest rows: a pile's rows (split-piles.ts) are read after all the
   * others, so their issues arrive after those of later rows. Stable: a row's issues keep their order.
   */
  private firstIssues(): RowIssue[] {
    this.issues.sort((a, b) => a.row - b.row);
    if (this.issues.length > this.maxIssues) this.issues.length = this.maxIssues;
    return this.issues;
  }

  private addIssues(list: readonly RowIssue[]): void {
    for (const i of list) {
      if (this.maxIssues === 0) return;
      this.issues.push(detachIssue(i));
      if (this.issues.length >= 2 * this.maxIssues) this.firstIssues();
    }
  }

  private count(list: readonly RowIssue[]): void {
    for (const i of list) this.byCode[i.code] = (this.byCode[i.code] ?? 0) + 1;
  }
}

/** A kept issue must not keep a read chunk alive through its strings (see detachString). */
function detachIssue(i: RowIssue): RowIssue {
  return { ...i, value: detachString(i.value), message: detachString(i.message), column: detachString(i.column) };
}
