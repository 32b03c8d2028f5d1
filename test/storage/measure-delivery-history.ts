/**
 * Hand-run measurement (not a test, no assertions): what keeping the delivery history costs
 * markDelivered. `npx tsx test/storage/measure-delivery-history.ts [N] [rounds]`. Each round delivers
 * the same three runs into two fresh databases, one recording history and one not (alternating
 * which goes first): the first delivery (all new), a full re-send of unchanged projects, and a
 * changed-only run where a tenth of the projects changed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type AppDatabase } from '../../electron/services/db/database';
import { DeliveredRepository } from '../../electron/services/db/repositories/delivered-repository';
import { prepareProject } from '../../electron/services/delta/project-hash';
import { encodeStaged } from '../../electron/services/delta/staged-codec';
import type { FeedProject } from '../../shared/domain/project';

const N = Number(process.argv[2] ?? 200_000);
const ROUNDS = Number(process.argv[3] ?? 2);
const BATCH = 2000;

function project(i: number, variant = ''): FeedProject {
  return {
    Id: `EXT-${i}`,
    fields: { Name: `Project ${i}${variant}`, StatusId: 'In progress', UserId: 'Kovács Anna', CategoryId: '3' },
    custom: [['Enum1221', i % 3 === 0 ? 'Gold' : 'Silver'], ['Note', `Note for ${i} & co`]],
    Business: {
      fields: { Name: `Company ${i} Kft.`, Url: `https://c${i}.example.hu/`, Region: 'Budapest', Employees: String(i % 500) },
      Emails: [{ Value: `info${i}@example.hu`, Type: 'office', Default: '1' }],
      Phones: [{ Value: `+36 1 ${String(1000000 + (i % 8999999)).slice(0, 3)} ${String(i % 10000).padStart(4, '0')}`, Default: '1' }],
      Addresses: [{ PostalCode: '1051', City: 'Budapest', Address: `Fő utca ${i % 200}.`, Type: 'HQ' }],
    },
    Contacts: [{ fields: { FirstName: 'Anna', LastName: `Kiss ${i}`, Position: 'CEO' }, Emails: [{ Value: `anna${i}@example.hu` }], Phones: [] }],
  };
}

/** The three runs' staged batches, encoded once and reused for both databases. */
function batches(changedEvery: number, variant: string, only = false): Buffer[] {
  const out: Buffer[] = [];
  for (let b = 0; b < N; b += BATCH) {
    const items = [];
    for (let i = b; i < Math.min(N, b + BATCH); i++) {
      const changed = changedEvery > 0 && i % changedEvery === 0;
      if (only && !changed) continue;
      items.push(prepareProject(project(i, changed ? variant : '')));
    }
    if (items.length) out.push(encodeStaged(items));
  }
  return out;
}

const all = batches(0, '');
const runs = { first: all, resend: all, changed: batches(10, ' v2', true) };
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minicrm-history-'));
const time = (fn: () => void): number => {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e9;
};

function deliverAll(app: AppDatabase, withHistory: boolean): number[] {
  const delivered = withHistory ? app.delivered : new DeliveredRepository(app.db);
  return Object.values(runs).map((list) => {
    const run = app.runs.create({ kind: 'sync' });
    for (const data of list) app.runs.stageEncoded(run, data.readUInt32LE(1), data);
    return time(() => delivered.markDelivered(run));
  });
}

try {
  const results: Record<'on' | 'off', number[][]> = { on: [], off: [] };
  for (let r = 0; r < ROUNDS; r++) {
    for (const mode of r % 2 === 0 ? (['off', 'on'] as const) : (['on', 'off'] as const)) {
      const file = path.join(dir, `${mode}-${r}.sqlite`);
      const app = openDatabase(file);
      results[mode].push(deliverAll(app, mode === 'on'));
      app.close();
      console.log(`round ${r + 1} history ${mode}: first ${results[mode].at(-1)![0]!.toFixed(2)} s, full re-send ${results[mode].at(-1)![1]!.toFixed(2)} s, tenth changed ${results[mode].at(-1)![2]!.toFixed(2)} s, db ${(fs.statSync(file).size / 1e6).toFixed(0)} MB`);
      fs.rmSync(file, { force: true });
    }
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
