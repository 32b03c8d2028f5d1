import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSource } from '../../electron/services/reader';
import { silentJobContext } from '../../shared/domain/job';
import type { SourceRow } from '../../shared/domain/cell';
import { parseProfileText } from '../../shared/profile/profile-parse';
import { compileMapping } from '../../shared/mapping/compile-mapping';
import { BENCH_HEADERS, generateCsv, generateXlsx } from '../bench/generate-data';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'reader-bench-'));
  await generateCsv(join(dir, 'b.csv'), 300);
  await generateXlsx(join(dir, 'b.xlsx'), 300);
  await generateXlsx(join(dir, 'b-sst.xlsx'), 300, { sharedStrings: true });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function readAll(path: string): Promise<{ headers: readonly string[]; rows: SourceRow[] }> {
  const h = await openSource(path);
  const rows: SourceRow[] = [];
  for await (const b of h.rows(silentJobContext())) rows.push(...b);
  return { headers: h.info.headers, rows };
}

describe('benchmark data generators', () => {
  it('write the same Hungarian customer rows as CSV and XLSX, and the bench profile maps them without errors', async () => {
    const csv = await readAll(join(dir, 'b.csv'));
    const xlsx = await readAll(join(dir, 'b.xlsx'));
    expect(csv.headers).toEqual(BENCH_HEADERS);
    expect(xlsx.headers).toEqual(BENCH_HEADERS);
    expect(csv.rows).toHaveLength(300);
    expect(xlsx.rows).toHaveLength(300);
    const c = csv.rows[0]?.cells ?? [];
    const x = xlsx.rows[0]?.cells ?? [];
    expect(c[0]).toBe('UGY-0000001');
    expect(c[7]).toMatch(/^06-\d{1,2}\/\d{3}-\d{4}$/);
    expect(c[11]).toMatch(/^\d{1,3}( \d{3})*,\d{2}$/);
    expect(c[13]).toMatch(/^\d{4}\.\d{2}\.\d{2}\.$/);
    expect(x[13]).toEqual({ date: String(c[13]).slice(0, 10).replace(/\./g, '-') });
    expect(csv.rows.some((r) => r.cells[8] === '0161') && xlsx.rows.some((r) => r.cells[8] === '0161')).toBe(true);

    // Excel's layout (shared strings stored after the sheet) reads the same as inline strings.
    expect((await readAll(join(dir, 'b-sst.xlsx'))).rows).toEqual(xlsx.rows);

    const profile = parseProfileText(await readFile(join(import.meta.dirname, '../bench/bench-profile.json'), 'utf8'));
    const mapping = compileMapping(profile, csv.headers);
    const errors = csv.rows.flatMap((r) => mapping.mapRow(r).issues.filter((i) => i.severity === 'error'));
    expect(errors).toEqual([]);
    const xMapping = compileMapping(profile, xlsx.headers);
    expect(xlsx.rows.flatMap((r) => xMapping.mapRow(r).issues.filter((i) => i.severity === 'error'))).toEqual([]);
  });
});
