/**
 * Sorts a build's projects into new / changed / unchanged against the delivered baseline, batch by
 * batch (one IN-lookup per few hundred ids, one staging transaction per batch), and gathers the
 * change preview on the way. Nothing here advances the baseline: only markDelivered does.
 */
import type { ChangePreview, FieldChange } from '../../../shared/domain/run';
import type { FeedProject } from '../../../shared/domain/project';
import type { AppDatabase } from '../db/database';
import type { StagedProject } from '../db/repositories/run-repository';
import { detachString } from '../reader/cell-values';
import { diffFlat } from './diff';
import { flattenStored, prepareProject, type PreparedProject } from './project-hash';

export type DeltaStatus = 'new' | 'changed' | 'unchanged';

export interface DeltaOptions {
  /** 'changed': only new/changed projects are written; 'full': all valid projects. */
  mode: 'changed' | 'full';
  /** When set, what the feed will hold is staged for this run as each batch is classified. */
  runId?: number;
  /** How many changed projects get a field diff and how many new ids are listed (default 1000). */
  previewLimit?: number;
}

export interface ClassifiedBatch {
  /** Parallel to the input. */
  statuses: DeltaStatus[];
  /** The projects the feed should carry, in input order. */
  toWrite: FeedProject[];
  /** What was (or, without runId, should be) staged for the run. */
  staged: StagedProject[];
}

export class DeltaClassifier {
  private readonly counts = { new: 0, changed: 0, unchanged: 0, rejected: 0 };
  private readonly changed: Array<{ id: string; changes: FieldChange[] }> = [];
  private readonly added: string[] = [];
  private truncated = false;
  private readonly limit: number;

  constructor(
    private readonly app: AppDatabase,
    private readonly opts: DeltaOptions,
  ) {
    this.limit = opts.previewLimit ?? 1000;
  }

  /**
   * Classifies one batch (thousands of projects). `prepared` may come from a worker that already
   * ran prepareProject; otherwise it is computed here.
   */
  classify(projects: readonly FeedProject[], prepared?: readonly PreparedProject[]): ClassifiedBatch {
    const prep = prepared ?? projects.map(prepareProject);
    if (prep.length !== projects.length) throw new Error('prepared and projects differ in length');
    const { statuses, write } = this.classifyPrepared(prep);
    return { statuses, toWrite: write.map((i) => projects[i]!), staged: stagedOf(prep, write) };
  }

  /**
   * The same for projects known by their prepared form only (the build's reading thread sends
   * those; the project itself is decoded only when the feed must carry it): `write` lists the
   * indexes to write, in input order.
   */
  classifyPrepared(prep: readonly PreparedProject[], encodedStage?: Uint8Array): { statuses: DeltaStatus[]; write: number[] } {
    const known = this.app.delivered.hashesFor(prep.map((p) => p.id));
    const statuses: DeltaStatus[] = new Array(prep.length);
    const write: number[] = [];
    const diffIds: string[] = [];
    const diffAfter = new Map<string, string>();
    for (let i = 0; i < prep.length; i++) {
      const p = prep[i]!;
      const was = known.get(p.id);
      const status: DeltaStatus = was === undefined ? 'new' : was === p.hash ? 'unchanged' : 'changed';
      statuses[i] = status;
      this.counts[status]++;
      if (status === 'new') {
        // A copy: the id may be a view into a large text (a read chunk, a batch from the reading
        // thread) that must not live as long as the preview.
        if (this.added.length < this.limit) this.added.push(detachString(p.id));
        else this.truncated = true;
      } else if (status === 'changed') {
        if (this.changed.length + diffIds.length < this.limit) {
          diffIds.push(p.id);
          diffAfter.set(p.id, p.packed);
        } else this.truncated = true;
      }
      if (status !== 'unchanged' || this.opts.mode === 'full') write.push(i);
    }
    if (diffIds.length > 0) {
      const before = this.app.delivered.getValues(diffIds);
      for (const id of diffIds) {
        const was = before.get(id);
        const changes = diffFlat(was === undefined ? null : flattenStored(was), flattenStored(diffAfter.get(id)!));
        for (const c of changes) {
          if (c.after !== null) c.after = detachString(c.after);
        }
        this.changed.push({ id: detachString(id), changes });
      }
    }
    if (this.opts.runId !== undefined) this.stage(this.opts.runId, prep, write, encodedStage);
    return { statuses, write };
  }

  /**
   * `encodedStage` is the whole batch already encoded (staged-codec.ts) by the reading thread:
   * stored as it is when the feed holds the whole batch (a full build); otherwise the projects to
   * stage are encoded here (reading `packed` only of those).
   */
  private stage(runId: number, prep: readonly PreparedProject[], write: readonly number[], encodedStage?: Uint8Array): void {
    if (encodedStage && write.length === prep.length) return this.app.runs.stageEncoded(runId, prep.length, encodedStage);
    this.app.runs.stageProjects(runId, stagedOf(prep, write));
  }

  /** Rejected projects never reach classify(); the engine reports how many there were. */
  addRejected(n: number): void {
    this.counts.rejected += n;
  }

  preview(): ChangePreview {
    return { counts: { ...this.counts }, changed: [...this.changed], added: [...this.added], truncated: this.truncated };
  }
}

/** The projects at `write` in their staged form (reading `packed` of those only). */
function stagedOf(prep: readonly PreparedProject[], write: readonly number[]): StagedProject[] {
  return write.map((i) => ({ id: prep[i]!.id, hash: prep[i]!.hash, packed: prep[i]!.packed }));
}
