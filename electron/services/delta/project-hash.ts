/**
 * A project's comparable forms: the packed values (stored per delivered project, see
 * packed-project.ts) with their content hash (the unit of the delta), and the flat
 * `path -> value` record (the unit of the change preview), made only where a preview needs it.
 */
import crypto, { createHash } from 'node:crypto';
import type { FeedProject } from '../../../shared/domain/project';
import { flatJsonOf } from './flat-json';
import { packProject, unpackProject } from './packed-project';

export { flatJsonOf, packProject, unpackProject };

/** The flat record (see flat-json.ts for the paths). */
export function flattenProject(p: FeedProject): Record<string, string> {
  return JSON.parse(flatJsonOf(p)) as Record<string, string>;
}

/** The flat record of a stored (packed) project. */
export function flattenStored(packed: string): Record<string, string> {
  return flattenProject(unpackProject(packed));
}

// One-shot hashing (Node 20.12+, Electron's Node) skips a Hash object per project.
const oneShot = (crypto as { hash?: (alg: string, data: string | Uint8Array, enc: 'hex') => string }).hash;

/** SHA-1 (hex) of a project's packed string: what the delta compares. */
export function hashValues(packed: string): string {
  return oneShot ? oneShot('sha1', packed, 'hex') : createHash('sha1').update(packed).digest('hex');
}

/**
 * The same hash from the packed string's UTF-8 bytes (feed/project-encoding.ts). Equal to hashValues of the
 * string even for a lone surrogate: hashing a string encodes it as UTF-8 with U+FFFD too (tested).
 */
export function hashPackedBytes(bytes: Uint8Array): string {
  return oneShot ? oneShot('sha1', bytes, 'hex') : createHash('sha1').update(bytes).digest('hex');
}

export function projectHash(p: FeedProject): string {
  return hashValues(packProject(p));
}

/** Everything the delta and the history need of one project, computed once (plain data). */
export interface PreparedProject {
  id: string;
  hash: string;
  /** The packed string (packed-project.ts): what staged batches (staged-codec.ts) and delivered store. */
  packed: string;
}

export function prepareProject(p: FeedProject): PreparedProject {
  const packed = packProject(p);
  return { id: p.Id, hash: hashValues(packed), packed };
}
