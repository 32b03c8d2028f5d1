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
export function flattenStored(valuesJson: string): Record<string, string> {
  return flattenProject(unpackProject(valuesJson));
}

// One-shot hashing (Node 20.12+, Electron's Node) skips a Hash object per project.
const oneShot = (crypto as { hash?: (alg: string, data: string, enc: 'hex') => string }).hash;

/** SHA-1 (hex) of a project's packed values: what the delta compares. */
export function hashValues(valuesJson: string): string {
  return oneShot ? oneShot('sha1', valuesJson, 'hex') : createHash('sha1').update(valuesJson).digest('hex');
}

export function projectHash(p: FeedProject): string {
  return hashValues(packProject(p));
}

/** Everything the delta and the history need of one project, computed once (plain data). */
export interface PreparedProject {
  id: string;
  hash: string;
  /** The packed values: what run_projects / delivered store. */
  valuesJson: string;
}

export function prepareProject(p: FeedProject): PreparedProject {
  const valuesJson = packProject(p);
  return { id: p.Id, hash: hashValues(valuesJson), valuesJson };
}
