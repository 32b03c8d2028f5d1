import { basename, extname } from 'node:path';
import type { SourceInfo, SourceOptions } from '../../../shared/domain/source';
import type { ProfileV1 } from '../../../shared/profile/profile-types';
import { matchProfileToHeaders, proposeProfile } from '../../../shared/profile/propose';
import type { JobContext } from '../../../shared/domain/job';
import { openSource, type SourceHandle } from '../reader/index';

export interface MatchedProfile {
  name: string;
  profile: ProfileV1;
  /** Columns the saved profile expects but the file lacks. */
  missing: string[];
  /** Columns the file has that the profile does not use. */
  added: string[];
  renamed: Array<{ from: string; to: string }>;
}

export interface InspectResult {
  info: SourceInfo;
  proposal: ProfileV1;
  matched: MatchedProfile | null;
}

/**
 * First look at a file: format, encoding, sheets, header row, columns with samples, and a mapping
 * proposal. A saved profile whose columns fit the headers is recognised (the fewest missing
 * columns wins; one with more than half of its columns missing is not a match).
 */
export async function inspectFile(
  path: string,
  options: SourceOptions = {},
  saved: ReadonlyArray<{ name: string; profile: ProfileV1 }> = [],
  ctx?: JobContext,
): Promise<InspectResult> {
  const handle = await openSource(path, options);
  // The row count is part of the first look; when the reader cannot know it cheaply, count (streamed).
  const info = ctx && handle.info.dataRows === null ? { ...handle.info, dataRows: await countRows(handle, ctx) } : handle.info;
  const name = basename(path, extname(path));
  const proposal = proposeProfile(info.headers, {
    name,
    samples: info.columns.map((c) => c.samples),
  });
  if (info.sheet) proposal.source = { ...proposal.source, sheet: info.sheet };
  return { info, proposal, matched: recognise(info.headers, saved) };
}

function recognise(headers: readonly string[], saved: ReadonlyArray<{ name: string; profile: ProfileV1 }>): MatchedProfile | null {
  let best: MatchedProfile | null = null;
  let bestScore = Infinity;
  for (const s of saved) {
    const m = matchProfileToHeaders(s.profile, headers);
    const used = m.missing.length + countUsed(headers, m.added);
    if (used === 0 || m.missing.length * 2 > used) continue;
    const score = m.missing.length * 10 + m.renamed.length;
    if (score < bestScore) {
      bestScore = score;
      best = { name: s.name, profile: s.profile, ...m };
    }
  }
  return best;
}

/**
 * The candidate whose mapping reads only columns this file has (the same layout), using as many of
 * the file's columns as possible; ties go to the first (callers list the newest first). Used to
 * offer the mapping of the last delivered sync of this layout.
 */
export function recogniseLayout<T extends { profile: ProfileV1 }>(headers: readonly string[], candidates: readonly T[]): T | null {
  let best: T | null = null;
  let bestUnused = Infinity;
  for (const c of candidates) {
    const m = matchProfileToHeaders(c.profile, headers);
    if (m.missing.length > 0 || countUsed(headers, m.added) === 0) continue;
    if (m.added.length < bestUnused) {
      bestUnused = m.added.length;
      best = c;
    }
  }
  return best;
}

function countUsed(headers: readonly string[], added: readonly string[]): number {
  return headers.length - added.length;
}

async function countRows(handle: SourceHandle, ctx: JobContext): Promise<number> {
  let n = 0;
  let last = 0;
  for await (const batch of handle.rows(ctx)) {
    n += batch.length;
    const now = Date.now();
    if (now - last > 100) {
      last = now;
      ctx.progress('reading', n, null, 'rows');
    }
  }
  return n;
}
