/**
 * Hand-run measurement (not a test, not part of `npm run bench`): staging, markDelivered and
 * hashesFor at the scale of a million-project feed, on a fresh database in a temp folder.
 * `npx tsx test/bench/measure-staging.ts [N] [dir] [encoded] [raw]`; with `encoded` each batch is encoded
 * outside the timer and stored with stageEncoded (what the build's writing thread is left with
 * when its reading thread encodes), and the encoding time is reported on its own; `raw` stores
 * batches without deflating them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../electron/services/db/database';
import { hashPacked } from '../../electron/services/delta/project-hash';
import { encodeStaged } from '../../electron/services/delta/staged-codec';

const N = Number(process.argv[2] ?? 1_000_000);
const BATCH = 2000;
const ENCODED = process.argv[4] === 'encoded';
const compress = process.argv[5] !== 'raw';
const dir = fs.mkdtempSync(path.join(process.argv[3] ?? os.tmpdir(), 'minicrm-staging-'));
const ms = (t: number): number => performance.now() - t;
const id = (i: number): string => `UGY-${String(i).padStart(7, '0')}`;

// ~600 characters that vary per project, in the packed format's shape (mostly ASCII, a few accents).
function packed(i: number): string {
  const parts = [id(i), `Projekt ${i} Kft.`, 'Folyamatban', 'Kovács Anna', '3'];
  for (let k = 0; k < 14; k++) parts.push(`Érték ${k} a(z) ${i * 7 + k} számú ügyfélhez, megjegyzés`);
  let out = '[';
  for (const s of parts) out += `${s.length}:${s}`;
  return `${out.slice(0, 598)}]]`;
}

function batchOf(b: number): Array<{ id: string; hash: string; packed: string }> {
  const out = [];
  for (let i = b; i < Math.min(N, b + BATCH); i++) {
    const p = packed(i);
    out.push({ id: id(i), hash: hashPacked(p), packed: p });
  }
  return out;
}

try {
  const app = openDatabase(path.join(dir, 'h.sqlite'));
  const run = app.runs.create({ kind: 'sync', mode: 'full' });
  let stageMs = 0;
  let encodeMs = 0;
  for (let b = 0; b < N; b += BATCH) {
    const batch = batchOf(b);
    if (ENCODED) {
      let t = performance.now();
      const data = encodeStaged(batch, { compress });
      encodeMs += ms(t);
      t = performance.now();
      app.runs.stageEncoded(run, batch.length, data);
      stageMs += ms(t);
    } else {
      const t = performance.now();
      app.runs.stageProjects(run, batch);
      stageMs += ms(t);
    }
  }
  if (ENCODED) console.log(`encodeStaged: ${N} projects in ${(encodeMs / 1000).toFixed(2)} s`);
  console.log(`${ENCODED ? 'stageEncoded' : 'stageProjects'}: ${N} projects in ${(stageMs / 1000).toFixed(2)} s`);
  let t = performance.now();
  const n = app.delivered.markDelivered(run);
  console.log(`markDelivered: ${n} projects in ${(ms(t) / 1000).toFixed(2)} s`);
  app.checkpoint();
  app.close();

  // Re-open so the lookups start from a cold page cache of this connection, as a new build does.
  const again = openDatabase(path.join(dir, 'h.sqlite'));
  const ids: string[] = [];
  let found = 0;
  t = performance.now();
  for (let b = 0; b < N; b += BATCH) {
    ids.length = 0;
    for (let i = b; i < Math.min(N, b + BATCH); i++) ids.push(id(i));
    found += again.delivered.hashesFor(ids).size;
  }
  console.log(`hashesFor: ${N} ids (${found} found) in ${(ms(t) / 1000).toFixed(2)} s`);
  again.close();
  console.log(`db size ${(fs.statSync(path.join(dir, 'h.sqlite')).size / 1e6).toFixed(0)} MB`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
