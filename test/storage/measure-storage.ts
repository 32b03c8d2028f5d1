/**
 * Hand-run measurement (not a test, no assertions): feed writer throughput, delta preparation,
 * staging and markDelivered for N projects. `npx tsx test/storage/measure-storage.ts [N]`
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../electron/services/db/database';
import { DeltaClassifier } from '../../electron/services/delta/delta-classifier';
import { prepareProject } from '../../electron/services/delta/project-hash';
import { FeedWriter } from '../../electron/services/feed/feed-writer';
import type { FeedProject } from '../../shared/domain/project';

const N = Number(process.argv[2] ?? 1_000_000);
const BATCH = 5000;

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

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minicrm-measure-'));
const ms = (t: bigint): number => Number(process.hrtime.bigint() - t) / 1e6;
try {
  // 1. Writer alone (projects built in batches outside the timer).
  const writer = await FeedWriter.open(path.join(dir, 'feed.xml'));
  let writeMs = 0;
  for (let b = 0; b < N; b += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, N - b) }, (_v, k) => project(b + k));
    const t = process.hrtime.bigint();
    for (const p of batch) {
      const wait = writer.write(p);
      if (wait) await wait;
    }
    writeMs += ms(t);
  }
  let t = process.hrtime.bigint();
  const commit = await writer.commit();
  writeMs += ms(t);
  console.log(`writer: ${N} projects, ${(commit.size / 1e6).toFixed(0)} MB in ${(writeMs / 1000).toFixed(2)} s = ${Math.round(N / (writeMs / 1000))} projects/s, RSS ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
  fs.rmSync(commit.path);

  // 1b. Baseline in the same conditions: a naive template writer (escape by replace, write strings).
  const plain = fs.createWriteStream(path.join(dir, 'plain.xml'));
  const e = (v: string): string => v.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  let plainMs = 0;
  for (let b = 0; b < N; b += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, N - b) }, (_v, k) => project(b + k));
    const t0 = process.hrtime.bigint();
    for (const p of batch) {
      let x = `<Project Id="${e(p.Id)}">`;
      for (const [k, v] of Object.entries(p.fields)) x += `<${k}>${e(v)}</${k}>`;
      for (const [k, v] of p.custom) x += `<${k}>${e(v)}</${k}>`;
      x += '<Business>';
      for (const [k, v] of Object.entries(p.Business.fields)) x += `<${k}>${e(v)}</${k}>`;
      for (const m of p.Business.Emails) x += `<Emails><Email><Value>${e(m.Value)}</Value></Email></Emails>`;
      for (const m of p.Business.Phones) x += `<Phones><Phone><Value>${e(m.Value)}</Value></Phone></Phones>`;
      for (const a of p.Business.Addresses) x += `<Addresses><Address><City>${e(a.City ?? '')}</City><Address>${e(a.Address ?? '')}</Address></Address></Addresses>`;
      x += '</Business><Contacts>';
      for (const c of p.Contacts) x += `<Contact><LastName>${e(c.fields.LastName ?? '')}</LastName></Contact>`;
      x += '</Contacts></Project>\n';
      if (!plain.write(x)) await new Promise<void>((r) => plain.once('drain', () => r()));
    }
    plainMs += ms(t0);
  }
  await new Promise<void>((r) => plain.end(() => r()));
  console.log(`baseline naive writer (same time, same machine): ${Math.round(N / (plainMs / 1000))} projects/s`);

  // 2. Delta: prepare (flatten+JSON+SHA-1), classify against an empty baseline, stage; then markDelivered.
  const app = openDatabase(path.join(dir, 'h.sqlite'));
  const run1 = app.runs.create({ kind: 'sync', mode: 'full' });
  let prepMs = 0;
  let classifyMs = 0;
  for (let b = 0; b < N; b += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, N - b) }, (_v, k) => project(b + k));
    t = process.hrtime.bigint();
    const prep = batch.map(prepareProject);
    prepMs += ms(t);
    t = process.hrtime.bigint();
    new DeltaClassifier(app, { mode: 'full', runId: run1 }).classify(batch, prep);
    classifyMs += ms(t);
  }
  console.log(`prepare (flatten+JSON+SHA-1): ${(prepMs / 1000).toFixed(2)} s; classify+stage (first run, empty baseline): ${(classifyMs / 1000).toFixed(2)} s`);
  t = process.hrtime.bigint();
  const n = app.delivered.markDelivered(run1);
  console.log(`markDelivered: ${n} projects in ${(ms(t) / 1000).toFixed(2)} s`);

  // 3. Nothing-changed re-run: classify against a full baseline (no staging in changed mode).
  const run2 = app.runs.create({ kind: 'sync', mode: 'changed' });
  const d2 = new DeltaClassifier(app, { mode: 'changed', runId: run2 });
  classifyMs = 0;
  for (let b = 0; b < N; b += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, N - b) }, (_v, k) => project(b + k));
    const prep = batch.map(prepareProject);
    t = process.hrtime.bigint();
    d2.classify(batch, prep);
    classifyMs += ms(t);
  }
  console.log(`classify (re-run, nothing changed): ${(classifyMs / 1000).toFixed(2)} s, preview ${JSON.stringify(d2.preview().counts)}`);
  app.close();
  console.log(`db size ${(fs.statSync(path.join(dir, 'h.sqlite')).size / 1e6).toFixed(0)} MB`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
