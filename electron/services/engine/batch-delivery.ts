/** Handing a reading thread's batch (pipeline-protocol.ts) to a BatchSink, for one or two readers. */
import type { FeedProject } from '../../../shared/domain/project';
import type { ProfileV1 } from '../../../shared/profile/profile-types';
import { hashValues, unpackProject, type PreparedProject } from '../delta/index';
import type { FromPipelineWorker } from './pipeline-protocol';
import type { EncodedProjects } from '../feed/feed-encoder';

export interface BatchSink {
  /**
   * `project(i)` gives the i-th project of the batch; `prepared[i]` its delta form; `encoded`,
   * when the reading thread was asked for it (a full build), every project's feed XML as bytes.
   */
  batch(prepared: PreparedProject[], project: (i: number) => FeedProject, encoded?: EncodedProjects): void | Promise<void>;
  /** A second pass starts (non-adjacent duplicate Ids): forget what was received. */
  reset(): void | Promise<void>;
}

type Batch = Extract<FromPipelineWorker, { t: 'batch' }>;

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

/** Hashes here when the reading thread did not (it leaves that to an otherwise idle writer). */
export function deliverBatch(sink: BatchSink, m: Batch, ordered: (p: FeedProject) => FeedProject): void | Promise<void> {
  const { hashes, packed } = m;
  const prepared: PreparedProject[] = m.ids.map((id, i) => ({ id, hash: hashes ? hashes[i]! : hashValues(packed[i]!), packed: packed[i]! }));
  return sink.batch(prepared, (i) => ordered(unpackProject(packed[i]!)), m.xml);
}
