/** Handing a reading thread's batch (pipeline-protocol.ts) to a BatchSink, for one or two readers. */
import type { FeedProject } from '../../../shared/domain/project';
import type { ProfileV1 } from '../../../shared/profile/profile-types';
import { unpackProject, type PreparedProject } from '../delta/index';
import type { Worker } from 'node:worker_threads';
import type { FromPipelineWorker, ToPipelineWorker } from './pipeline-protocol';
import type { EncodedProjects } from '../feed/feed-encoder';
import { decodeStaged, type StagedProject } from '../delta/staged-codec';

export interface BatchSink {
  /**
   * `project(i)` gives the i-th project of the batch; `prepared[i]` its delta form; `ready`,
   * when the reading thread was asked for it (a full build), the whole batch as feed XML bytes and
   * as encoded staged projects.
   */
  batch(prepared: PreparedProject[], project: (i: number) => FeedProject, ready?: ReadyBatch): void | Promise<void>;
  /** A second pass starts (non-adjacent duplicate Ids): forget what was received. */
  reset(): void | Promise<void>;
}

type Batch = Extract<FromPipelineWorker, { t: 'batch' }>;

export interface ReadyBatch {
  xml: EncodedProjects;
  /** staged-codec.ts: every project of the batch with its hash and packed string. */
  staged: Uint8Array;
}

/** A project's delta form whose packed string is read from the encoded batch only if asked for. */
class LazyPrepared implements PreparedProject {
  constructor(readonly id: string, readonly hash: string, private readonly index: number, private readonly of: (i: number) => string) {}

  get packed(): string {
    return this.of(this.index);
  }
}

/**
 * The packed form keeps custom fields in name order (for the hash); the feed writes them in the
 * profile's order, as the one-thread path does.
 */
export function customOrder(profile: ProfileV1): (p: FeedProject) => FeedProject {
  const rank = new Map(Object.keys(profile.custom ?? {}).map((name, i) => [name, i]));
  const at = (name: string): number => rank.get(name) ?? rank.size;
  return (p) => {
    if (p.custom.length > 1) p.custom.sort((a, b) => at(a[0]) - at(b[0]));
    return p;
  };
}

/** Hands a written XML buffer back to the reading thread that filled it (one that has stopped drops it). */
export function recycleTo(worker: Worker): (buffer: ArrayBuffer) => void {
  return (buffer) => {
    try {
      worker.postMessage({ t: 'recycle', buffer } satisfies ToPipelineWorker, [buffer]);
    } catch {
      // The thread is gone (cancelled, failed or done): the buffer is simply garbage then.
    }
  };
}

/**
 * Only projects the writing side must show or write have their values decoded: on first use.
 * `recycle` takes the XML buffer back once it is written (to the reading thread that sent it).
 */
export function deliverBatch(
  sink: BatchSink, m: Batch, ordered: (p: FeedProject) => FeedProject, recycle?: (buffer: ArrayBuffer) => void,
): void | Promise<void> {
  const { hashes, staged, xml } = m;
  if (xml && recycle) xml.release = () => recycle(xml.bytes.buffer as ArrayBuffer);
  let decoded: StagedProject[] | null = null;
  const packedOf = (i: number): string => (decoded ??= decodeStaged(staged))[i]!.packed;
  const prepared = m.ids.map((id, i) => new LazyPrepared(id, hashes[i]!, i, packedOf));
  return sink.batch(prepared, (i) => ordered(unpackProject(packedOf(i))), xml ? { xml, staged } : undefined);
}
