import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDatabase } from '../../electron/services/db';
import { fetchCategories, getProjectSchema, parseFieldType } from '../../electron/services/publish/minicrm-schema';
import { readReferenceSheet, setReferenceIds } from '../../electron/services/publish/reference-ids';
import { MemorySecretStore } from '../../electron/services/publish/secret-store';
import type { ConnectionSettings } from '../../electron/services/publish/settings';
import { silentJobContext } from '../../shared/domain/job';
import { startMinicrmStandin, type MinicrmStandin } from '../servers/minicrm-standin';
import { openTestDb, tempDir } from './helpers';

let standin: MinicrmStandin;
let tmp: ReturnType<typeof tempDir>;
let db: AppDatabase;
const secrets = new MemorySecretStore({ 'minicrm.apiKey': 'schema-key-1' });

beforeAll(async () => {
  standin = await startMinicrmStandin({ systemId: '55', apiKey: 'schema-key-1' });
  tmp = tempDir();
  db = openTestDb(tmp.dir);
});
afterAll(async () => {
  db?.close();
  await standin?.close();
  tmp?.cleanup();
});
const settings = (): ConnectionSettings => ({ systemId: '55', apiBaseUrl: standin.baseUrl, upload: null, publicUrl: '', downloadUser: null });

describe('values from MiniCRM', () => {
  it('parses field types', () => {
    expect(parseFieldType('Text(512)')).toEqual({ kind: 'text', maxLength: 512 });
    expect(parseFieldType('Int')).toEqual({ kind: 'int' });
    expect(parseFieldType('DateTime')).toEqual({ kind: 'date' });
    expect(parseFieldType('Float')).toEqual({ kind: 'float' });
    expect(parseFieldType({ 1: 'Gold' })).toEqual({ kind: 'enum', options: { 1: 'Gold' } });
    expect(parseFieldType('Html')).toEqual({ kind: 'other', raw: 'Html' });
  });

  it('fetches categories and the schema, caches it with its age, refreshes on demand', async () => {
    expect(await fetchCategories(db, settings(), secrets)).toEqual({ 1: 'Sales', 2: 'Support' });
    const before = standin.r3Requests;
    const s = await getProjectSchema(db, settings(), secrets, '1');
    expect(s.fields.Note).toEqual({ kind: 'text', maxLength: 64 });
    expect(s.fields.Enum1221).toEqual({ kind: 'enum', options: { 1: 'Gold', 2: 'Silver' } });
    expect(s.statuses['2501']).toBe('In progress');
    expect(s.users['10']).toBe('Anna Kovács');
    expect(s.fields.StatusId).toBeUndefined();
    expect(db.schemas.get('1')?.fetchedAt).toBe(s.fetchedAt);
    await getProjectSchema(db, settings(), secrets, '1');
    expect(standin.r3Requests).toBe(before + 1);
    await getProjectSchema(db, settings(), secrets, '1', { refresh: true });
    expect(standin.r3Requests).toBe(before + 2);
    await expect(getProjectSchema(db, settings(), secrets, '9', { refresh: true })).rejects.toThrow(/HTTP 404/);
  });

  it('waits for a free slot instead of exceeding 60 R3 requests a minute', async () => {
    const filled = Date.now() - 59_800;
    for (let i = 0; i < 60; i++) db.apiCalls.record('r3', new Date(filled));
    await fetchCategories(db, settings(), secrets);
    // The request was recorded (and sent) only once the oldest call had left the one-minute window.
    expect(db.apiCalls.countSince('r3', new Date(filled + 60_000))).toBe(1);
  });

  it('reads and validates a reference sheet', async () => {
    const file = join(tmp.dir, 'refs.csv');
    writeFileSync(file, 'MiniCRM Id;Reference\n12;123456788\n13;A-13\n12;123456788\nx;5\n14;\n15;A-13\n12;999\n');
    const sheet = await readReferenceSheet(file, silentJobContext());
    expect(sheet.pairs.map((p) => [p.projectId, p.referenceId])).toEqual([['12', 123456788], ['13', 'A-13']]);
    expect(sheet.repeats).toBe(1);
    expect(sheet.problems.map((p) => p.row)).toEqual([5, 6, 7, 8]);
    expect(sheet.problems[0]!.message).toMatch(/whole number: "x"/);
    expect(sheet.problems[3]!.message).toMatch(/linked twice/);
  });

  it('sends reference ids in batches and records each batch', async () => {
    const pairs = Array.from({ length: 7 }, (_, i) => ({ projectId: String(100 + i), referenceId: 5000 + i, row: i + 2 }));
    const r = await setReferenceIds(db, settings(), secrets, pairs, { batchSize: 3 }, silentJobContext());
    expect(r.ok).toBe(true);
    expect(r.batches.map((b) => b.count)).toEqual([3, 3, 1]);
    expect(standin.references.get('106')).toBe(5006);
    expect(db.references.list(r.runId).map((b) => [b.batchNo, b.count, b.httpStatus])).toEqual([[1, 3, 200], [2, 3, 200], [3, 1, 200]]);
    expect(db.runs.getRecord(r.runId)).toMatchObject({ kind: 'refs', status: 'delivered' });
  });

  it('stops at a refused batch and says so', async () => {
    standin.setFault({ kind: '429', retryAfter: 60 }, { on: 'refs' });
    const pairs = Array.from({ length: 4 }, (_, i) => ({ projectId: String(200 + i), referenceId: 6000 + i, row: i + 2 }));
    const r = await setReferenceIds(db, settings(), secrets, pairs, { batchSize: 2 }, silentJobContext());
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/Batch 1 of 2 failed: .*HTTP 429.*Try again after/);
    expect(db.references.list(r.runId)).toHaveLength(1);
    expect(standin.references.has('200')).toBe(false);
    expect(db.runs.getRecord(r.runId)!.status).toBe('failed');
  });
});
