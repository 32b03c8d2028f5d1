/**
 * A project's content hash: SHA-1 (hex) of its packed values (packed-project.ts), the unit of the
 * delta. Hashing the UTF-8 bytes or the string gives the same hash (a string hashes as its UTF-8).
 */
import { hash } from 'node:crypto';
import type { FeedProject } from '../../../shared/domain/project';
import { packProject } from './packed-project';

// One-shot hashing (every Node the app runs on: engines >= 20.19, Electron's) skips a Hash object per project.
export function hashPacked(packed: string | Uint8Array): string {
  return hash('sha1', packed, 'hex');
}

/** A project as a run stages it (run-repository stageProjects): for callers with a few projects. */
export function prepareProject(p: FeedProject): { id: string; hash: string; packed: string } {
  const packed = packProject(p);
  return { id: p.Id, hash: hashPacked(packed), packed };
}
