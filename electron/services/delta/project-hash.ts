/**
 * A project's comparable form: flat `path -> value` (the unit of the change preview) and a content
 * hash of its JSON (the unit of the delta). Both come from one pass so a build computes them once.
 */
import crypto, { createHash } from 'node:crypto';
import type { FeedProject } from '../../../shared/domain/project';
import { flatJsonOf } from './flat-json';

export { flatJsonOf };

/** The flat record (see flat-json.ts for the paths). */
export function flattenProject(p: FeedProject): Record<string, string> {
  return JSON.parse(flatJsonOf(p)) as Record<string, string>;
}

// One-shot hashing (Node 20.12+, Electron's Node) skips a Hash object per project.
const oneShot = (crypto as { hash?: (alg: string, data: string, enc: 'hex') => string }).hash;

/** SHA-1 (hex) of a flat record's JSON: what the delta compares. */
export function hashFlatJson(flatJson: string): string {
  return oneShot ? oneShot('sha1', flatJson, 'hex') : createHash('sha1').update(flatJson).digest('hex');
}

export function projectHash(p: FeedProject): string {
  return hashFlatJson(flatJsonOf(p));
}

/** Everything the delta and the history need of one project, computed once (worker-friendly: plain data). */
export interface PreparedProject {
  id: string;
  hash: string;
  /** JSON of the flat record: what run_projects / delivered store. */
  flatJson: string;
}

export function prepareProject(p: FeedProject): PreparedProject {
  const flatJson = flatJsonOf(p);
  return { id: p.Id, hash: hashFlatJson(flatJson), flatJson };
}
