import type { JobContext } from '../../../shared/domain/job';
import type { SourceOptions } from '../../../shared/domain/source';
import type { DeliveredMapping, InspectResult } from '../../../shared/ipc/types';
import type { ProfileV1 } from '../../../shared/profile/profile-types';
import { parseProfileText } from '../../../shared/profile/profile-parse';
import type { AppDatabase } from '../db';
import { inspectFile, recogniseLayout } from '../engine/inspect';
import { comesBack } from './restored-rows';
import { sourceKey } from './source-key';

/** Saved profiles that still parse (a profile saved by an older version that no longer does is skipped). */
export function savedProfiles(db: AppDatabase): Array<{ id: number; name: string; profile: ProfileV1 }> {
  const out: Array<{ id: number; name: string; profile: ProfileV1 }> = [];
  for (const p of db.profiles.list()) {
    try {
      out.push({ id: p.id, name: p.name, profile: parseProfileText(p.json) });
    } catch {
      // listed in profile:list, refused with its message on profile:get
    }
  }
  return out;
}

/** The mapping of the last delivered sync whose layout this file has (each distinct mapping once, newest first). */
function deliveredMapping(db: AppDatabase, headers: readonly string[]): DeliveredMapping | null {
  const seen = new Set<string>();
  const candidates: DeliveredMapping[] = [];
  for (const r of db.runs.deliveredProfiles()) {
    if (seen.has(r.profileJson)) continue;
    seen.add(r.profileJson);
    try {
      candidates.push({ runId: r.runId, deliveredAt: r.finishedAt, sourceName: r.sourceName, profileName: r.profileName, profile: parseProfileText(r.profileJson) });
    } catch {
      // a mapping an older version stored that no longer parses is not offered
    }
  }
  return recogniseLayout(headers, candidates);
}

/**
 * The app's first look at a file (the Source screen): the file's layout and a proposed mapping, the
 * saved profile it matches, and how many kept rows of that profile come back into its check. Runs
 * in a job's worker thread: reading a big or hostile file must never hold up the window.
 */
export async function inspectForApp(db: AppDatabase, path: string, options: SourceOptions, ctx: JobContext): Promise<InspectResult> {
  const saved = savedProfiles(db);
  const r = await inspectFile(path, options, saved, ctx);
  const delivered = deliveredMapping(db, r.info.headers);
  // A saved profile missing some of this file's columns is another layout's: the mapping a sync
  // of exactly this layout delivered fits better (its profile may since have been changed or deleted).
  const m = r.matched && r.matched.missing.length > 0 && delivered ? null : r.matched;
  const id = m ? (saved.find((s) => s.name === m.name)?.id ?? null) : null;
  return {
    info: r.info,
    proposal: r.proposal,
    matched: m && id !== null
      ? { id, name: m.name, profile: m.profile, newColumns: m.added, missingColumns: m.missing, renamedColumns: m.renamed }
      : null,
    // The rows that will come back into this file's check (not those parked from this very file).
    parkedRows: m ? db.parked.list(m.name).filter(comesBack(await sourceKey(path))).length : 0,
    delivered,
  };
}
