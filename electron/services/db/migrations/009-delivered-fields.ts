/**
 * 009: the delivered state keeps every field's last delivered value (delta/field-state.ts).
 *
 * Until now a project's delivered state was the last feed that carried it, whole: a field a later
 * feed left out (a column no longer mapped) was forgotten, although MiniCRM keeps it. Where the
 * history still holds the staged projects of earlier delivered runs, those fields are put back:
 * the runs are taken newest first and each fills only the fields its successors left empty, so
 * the newest value of every field wins. Nothing else changes (the run that last delivered a project
 * stays its run), and the schema stays as it is.
 *
 * The merge rule is frozen here as it was written; the stored forms are read and written with
 * their codecs, which read every format they ever wrote.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { FeedProject, FeedValue } from '../../../../shared/domain/project';
import { packProject, unpackProject } from '../../delta/packed-project';
import { hashPacked } from '../../delta/project-hash';
import { forEachStaged } from '../../delta/staged-codec';

export const MIGRATION_009 = '';

const some = (list: readonly FeedValue[]): boolean => list.some((v) => v.Value !== '');

/** `now` over `older`: every field `now` has, the others from `older` (lists whole). */
function fill(older: FeedProject, now: FeedProject): FeedProject {
  const pick = <T extends Record<string, string | undefined>>(o: T, n: T): T => {
    const out = { ...o };
    for (const [k, v] of Object.entries(n)) if (v) (out as Record<string, string>)[k] = v;
    return out;
  };
  const custom = new Map(older.custom);
  for (const [name, v] of now.custom) if (v) custom.set(name, v);
  const b = older.Business;
  const n = now.Business;
  return {
    Id: now.Id,
    fields: pick(older.fields, now.fields),
    custom: [...custom],
    Business: {
      fields: pick(b.fields, n.fields),
      Emails: some(n.Emails) ? n.Emails : b.Emails,
      Phones: some(n.Phones) ? n.Phones : b.Phones,
      Addresses: n.Addresses.length > 0 ? n.Addresses : b.Addresses,
    },
    Contacts: now.Contacts.length > 0 ? now.Contacts : older.Contacts,
  };
}

export function upgrade009(db: BetterSqlite3.Database): void {
  const runs = db.prepare<[], { id: number }>(
    `SELECT id FROM runs WHERE status = 'delivered' AND EXISTS (SELECT 1 FROM run_batches b WHERE b.run_id = runs.id)
     ORDER BY synced_at DESC, id DESC`).all();
  if (runs.length < 2) return;
  const batches = db.prepare<[number], { data: Buffer }>('SELECT data FROM run_batches WHERE run_id = ? ORDER BY seq');
  const current = db.prepare<[string], { packed: string; run_id: number | null }>('SELECT packed, run_id FROM delivered WHERE project_id = ?');
  const update = db.prepare('UPDATE delivered SET packed = ?, hash = ? WHERE project_id = ?');
  // The newest delivered run is what `delivered` holds already; the older ones fill in.
  for (const { id: runId } of runs.slice(1)) {
    for (const { data } of batches.all(runId)) {
      const changes: Array<[string, string, string]> = [];
      forEachStaged(data, (projectId, _hash, packed) => {
        const row = current.get(projectId);
        if (!row || row.run_id === runId) return;
        const merged = packProject(fill(unpackProject(packed), unpackProject(row.packed)));
        if (merged !== row.packed) changes.push([merged, hashPacked(merged), projectId]);
      });
      for (const c of changes) update.run(...c);
    }
  }
}
