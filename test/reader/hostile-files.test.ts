import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE, makeHostileFixtures } from '../fixtures/reader/make-hostile';
import { openSource } from '../../electron/services/reader';
import { silentJobContext } from '../../shared/domain/job';

/**
 * Every hostile workbook ends in seconds with one plain sentence, in bounded memory. Each runs
 * `inspect` in a child process of its own (the fresh process is what makes its peak memory
 * measurable); the limits below are a loose ceiling, not a benchmark.
 */
const TIME_LIMIT_MS = 60_000;
/** Node, tsx and the app's modules take ~110 MB before a byte is read; the 100,000-entry ZIP ~300 MB. */
const MEMORY_LIMIT_MB = 450;

const runner = join(import.meta.dirname, '../fixtures/reader/run-cli-measured.ts');

interface Outcome { code: number; stderr: string[]; ms: number; maxRssMb: number; pollutedKeys: string[] }

function inspectInChild(file: string): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', runner, 'inspect', file], { timeout: TIME_LIMIT_MS, maxBuffer: 1 << 24 },
      (err, stdout) => (err ? reject(err) : resolve(JSON.parse(stdout) as Outcome)));
  });
}

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'reader-hostile-'));
  await makeHostileFixtures(dir);
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('hostile workbooks', () => {
  it.concurrent.each(HOSTILE.map((f) => [f.file, f] as const))('%s ends in one plain sentence, in time and memory', async (_name, f) => {
    const started = Date.now();
    const out = await inspectInChild(join(dir, f.file));
    expect(Date.now() - started).toBeLessThan(TIME_LIMIT_MS);
    expect(out.maxRssMb).toBeLessThan(MEMORY_LIMIT_MB);
    expect(out.pollutedKeys).toEqual([]);
    expect(out.code).toBe(f.exit);
    if (f.exit === 0) {
      expect(out.stderr).toEqual([]);
      return;
    }
    expect(out.stderr).toHaveLength(1);
    const line = out.stderr[0] as string;
    expect(line).toMatch(new RegExp(`^Error: ${f.file.replace(/\./g, '\\.')} (is|cannot|has)`));
    expect(line).not.toMatch(/\n|TypeError|RangeError|undefined|Invalid string length|0x[0-9a-f]+|at .*\.js/);
    if (f.says) expect(line).toMatch(f.says);
  }, TIME_LIMIT_MS + 10_000);

  it.each(HOSTILE.filter((f) => f.code).map((f) => [f.file, f] as const))('%s is refused with its code when all rows are read', async (_name, f) => {
    const readAll = async (): Promise<number> => {
      let n = 0;
      for await (const b of (await openSource(join(dir, f.file))).rows(silentJobContext())) n += b.length;
      return n;
    };
    await expect(readAll()).rejects.toMatchObject({ code: f.code });
  });
});
