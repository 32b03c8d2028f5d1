/**
 * What becomes of the valid projects of a range, the same on every thread: each is packed and
 * hashed, classified against the delivered state (new / changed / unchanged, field by field: see
 * delta/field-state.ts), written as feed XML when the feed carries it, and staged as what the
 * delivered state will become if MiniCRM confirms the feed. A check (`mode: 'check'`) does none of it.
 * Projects come a few hundred at a time (add) and the range's output is taken at its end (finish).
 */
import type { RowIssue } from '../../../shared/domain/issue';
import type { FeedProject } from '../../../shared/domain/project';
import type { FieldChange } from '../../../shared/domain/run';
import type { DeliveredReader } from '../db/repositories/delivered-repository';
import { fieldChanges, hashPacked, mergeFields, unpackProject } from '../delta/index';
import { StagedBatch } from '../delta/staged-codec';
import { ByteOut } from '../feed/byte-out';
import { ProjectSerializer } from '../feed/feed-encoder';
import { packProjectBytes } from '../feed/project-encoding';

/** check: only counted; preview: classified; changed / full: also written and staged. */
export type OutputMode = 'check' | 'preview' | 'changed' | 'full';

export interface PreviewEntry { id: string; name: string | null }

/** One range's share of a run's results (plain data: it crosses threads). */
export interface BatchOutput {
  counts: { new: number; changed: number; unchanged: number };
  /** Feed XML of the projects the feed carries, in order. */
  xml: Uint8Array | null;
  written: number;
  /** Characters XML cannot carry, removed (the first ones; `warningCount` counts all). */
  warnings: RowIssue[];
  warningCount: number;
  /** staged-codec.ts batch: the delivered state of every new or changed project after this feed. */
  staged: Uint8Array | null;
  stagedCount: number;
  changed: Array<PreviewEntry & { changes: FieldChange[] }>;
  /** Set by the pipeline: called once `xml` is written (its buffer goes back to be filled again). */
  release?: () => void;
  added: PreviewEntry[];
  /** More changed or new projects than the preview lists. */
  truncated: boolean;
}

const nameOf = (p: FeedProject): string | null => p.fields.Name ?? p.Business.fields.Name ?? null;

export class ProjectOutput {
  private readonly serializer = new ProjectSerializer();
  private readonly pack = new ByteOut(1 << 16);
  private readonly scratch = new ByteOut(1 << 12);
  private readonly writes: boolean;
  private xml: ByteOut | null = null;
  /** Buffers the writing thread has written and handed back (reading-pool.ts recycle): filled again. */
  readonly spare: ArrayBuffer[] = [];
  private staged: StagedBatch | null = null;
  private out: BatchOutput = ProjectOutput.empty();

  constructor(private readonly mode: OutputMode, private readonly delivered: DeliveredReader | null, private readonly previewLimit = 1000) {
    this.writes = mode === 'changed' || mode === 'full';
  }

  private static empty(): BatchOutput {
    return {
      counts: { new: 0, changed: 0, unchanged: 0 }, xml: null, written: 0, warnings: [], warningCount: 0,
      staged: null, stagedCount: 0, changed: [], added: [], truncated: false,
    };
  }

  /** False for a check: nothing is classified or written, so callers need not keep the projects. */
  get wants(): boolean {
    return this.mode !== 'check';
  }

  /** Classifies, writes and stages `projects` (valid ones, in feed order). */
  add(projects: readonly FeedProject[]): void {
    if (this.mode === 'check' || projects.length === 0) return;
    const out = this.out;
    if (this.writes) {
      this.xml ??= new ByteOut(1 << 20);
      this.staged ??= new StagedBatch();
    }
    const { xml, staged, pack } = this;
    pack.pos = 0;
    const ends = new Uint32Array(projects.length);
    const hashes: string[] = new Array(projects.length);
    for (let i = 0; i < projects.length; i++) {
      const from = pack.pos;
      // A full feed carries every project: its XML comes out of the same walk as its packed values.
      if (this.mode === 'full') this.serializer.write(projects[i]!, xml!, pack);
      else packProjectBytes(projects[i]!, pack);
      ends[i] = pack.pos;
      hashes[i] = hashPacked(pack.buf.subarray(from, pack.pos));
    }
    if (this.mode === 'full') out.written += projects.length;
    const ids = projects.map((p) => p.Id);
    const known = this.delivered?.hashesFor(ids) ?? new Map<string, string>();
    const differ: number[] = [];
    for (let i = 0; i < projects.length; i++) {
      const was = known.get(ids[i]!);
      if (was === undefined) {
        out.counts.new++;
        if (out.added.length < this.previewLimit) out.added.push({ id: ids[i]!, name: nameOf(projects[i]!) });
        else out.truncated = true;
        this.accept(projects[i]!, hashes[i]!, pack.buf.subarray(i === 0 ? 0 : ends[i - 1]!, ends[i]!), xml, staged);
      } else if (was === hashes[i]) out.counts.unchanged++;
      else differ.push(i);
    }
    if (differ.length === 0) return;
    const before = this.delivered!.getValues(differ.map((i) => ids[i]!));
    for (const i of differ) {
      const p = projects[i]!;
      const was = unpackProject(before.get(ids[i]!)!);
      const changes = fieldChanges(was, p);
      if (changes.length === 0) {
        out.counts.unchanged++;
        continue;
      }
      out.counts.changed++;
      if (out.changed.length < this.previewLimit) out.changed.push({ id: p.Id, name: nameOf(p), changes });
      else out.truncated = true;
      // What MiniCRM holds afterwards: the fields the feed carries over those it leaves as they are.
      this.scratch.pos = 0;
      packProjectBytes(mergeFields(was, p), this.scratch);
      const merged = this.scratch.buf.subarray(0, this.scratch.pos);
      this.accept(p, hashPacked(merged), merged, xml, staged);
    }
  }

  /** The output of the projects added since the last finish. */
  finish(): BatchOutput {
    const out = this.out;
    this.out = ProjectOutput.empty();
    if (this.xml && this.xml.pos > 0) {
      // The writing thread hands written buffers back: gigabytes of fresh ones would drive collections.
      out.xml = this.xml.take(this.spare.pop());
      const w = this.serializer.takeWarnings();
      out.warnings = w.warnings;
      out.warningCount = w.warningCount;
    }
    if (this.staged) {
      out.stagedCount = this.staged.size;
      out.staged = this.staged.take();
    }
    return out;
  }

  /** A new or changed project: into the feed (a changed-only feed carries just these) and staged. */
  private accept(p: FeedProject, hash: string, packed: Uint8Array, xml: ByteOut | null, staged: StagedBatch | null): void {
    if (this.mode === 'changed') {
      this.serializer.write(p, xml!);
      this.out.written++;
    }
    staged?.add(p.Id, hash, packed);
  }
}
