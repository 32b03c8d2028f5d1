import { execFile } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../electron/services/reader/workbook-limits';

/**
 * Hostile CSV files (issue #19) end in seconds with one sentence that says what is true, in
 * bounded memory, through `inspect` and `validate` as a user runs them. The files are made here,
 * streamed to a temporary folder (one is a 1 GB line: never committed). Each command runs in a
 * child process of its own so that its peak memory can be measured; the ceilings are loose.
 */
const TIME_LIMIT_MS = 60_000;
/** Node, tsx and the app's modules take ~110 MB before a byte is read; reading threads add their own heaps. */
const MEMORY_LIMIT_MB = 450;
const MB = 1024 * 1024;

const runner = join(import.meta.dirname, '../fixtures/reader/run-cli-measured.ts');

interface Outcome { code: number; stderr: string[]; stdout: number; maxRssMb: number }

function cliInChild(args: string[]): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', runner, ...args], { timeout: TIME_LIMIT_MS, maxBuffer: 1 << 24 },
      (err, stdout) => (err ? reject(err) : resolve(JSON.parse(stdout) as Outcome)));
  });
}

/** Writes `head`, then `chunk` `times` times, then `tail`, through a stream (never the whole file in memory). */
async function streamFile(file: string, head: string, chunk: string, times: number, tail: string): Promise<void> {
  const out = createWriteStream(file);
  out.write(head);
  for (let i = 0; i < times; i++) if (!out.write(chunk)) await once(out, 'drain');
  out.end(tail);
  await once(out, 'finish');
}

const columns = (n: number, name: (i: number) => string): string => Array.from({ length: n }, (_, i) => name(i)).join(';');

interface HostileCsv {
  file: string;
  make: (path: string) => Promise<void>;
  exit: 0 | 2;
  says?: RegExp;
}

const TOO_WIDE = /has more than 16,384 cells separated by ";"/;
const HOSTILE_CSV: HostileCsv[] = [
  {
    file: 'header-1m-columns.csv', exit: 2, says: new RegExp(`row 1 ${TOO_WIDE.source}`),
    make: (p) => writeFile(p, `Id;Name;${columns(1_000_000, (i) => `c${i}`)}\n1;Kiss\n`),
  },
  {
    file: 'ten-million-delimiters.csv', exit: 2, says: new RegExp(`row 3 ${TOO_WIDE.source}`),
    make: (p) => streamFile(p, 'Id;Name\n1;Kiss\n', ';'.repeat(MB), 10, '\n2;Nagy\n'),
  },
  {
    file: 'one-gigabyte-line.csv', exit: 2, says: /row 3 is longer than 8 MB; a table export has no such rows/,
    make: (p) => streamFile(p, 'Id;Name\n1;Kiss\n', 'a'.repeat(MB), 1024, '\n2;Nagy\n'),
  },
  {
    // The true case of the sentence the two above must not get.
    file: 'unclosed-quote.csv', exit: 2, says: /the quoted cell that starts in row 3 is never closed/,
    make: (p) => streamFile(p, 'Id;Name\n1;Kiss\n2;"', 'a'.repeat(MB), 20, '\n3;Nagy\n'),
  },
  { file: 'only-a-bom.csv', exit: 2, says: /^Error: only-a-bom\.csv is empty: it holds no text\.$/, make: (p) => writeFile(p, '\uFEFF') },
  { file: 'bom-and-blank-lines.csv', exit: 2, says: /is empty: it holds no text\./, make: (p) => writeFile(p, '\uFEFF\r\n \r\n\r\n') },
  {
    file: 'excel-widest.csv', exit: 0,
    make: (p) => writeFile(p, `Id;Name;${columns(LIMITS.columns - 2, (i) => `c${i}`)}\n1;Kiss;${columns(LIMITS.columns - 2, () => '1')}\n`),
  },
];

let dir = '';
let profile = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'reader-hostile-csv-'));
  profile = join(dir, 'profile.json');
  await writeFile(profile, JSON.stringify({ format: 'minicrm-sync-profile', version: 2, name: 'hostile', project: { Id: 'Id', Name: 'Name' }, business: { Name: 'Name' } }));
  for (const f of HOSTILE_CSV) await f.make(join(dir, f.file));
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function expectOneSentence(out: Outcome, f: HostileCsv): void {
  expect(out.maxRssMb).toBeLessThan(MEMORY_LIMIT_MB);
  expect(out.code).toBe(f.exit);
  if (f.exit === 0) {
    expect(out.stderr).toEqual([]);
    return;
  }
  expect(out.stderr).toHaveLength(1);
  const line = out.stderr[0] as string;
  expect(line).toMatch(new RegExp(`^Error: ${f.file.replace(/\./g, '\\.')}(:| is)`));
  expect(line).not.toMatch(/\n|TypeError|RangeError|out of range|undefined|Invalid string length|0x[0-9a-f]+|at .*\.js/);
  if (f.says) expect(line).toMatch(f.says);
  if (!/quoted/.test(f.file) && !/unclosed/.test(f.file)) expect(line).not.toMatch(/quote/);
}

describe('hostile CSV files', () => {
  describe.each(['inspect', 'validate'] as const)('%s', (command) => {
    it.each(HOSTILE_CSV.map((f) => [f.file, f] as const))('%s ends in one true sentence, in time and memory', async (_name, f) => {
      const started = Date.now();
      const args = command === 'inspect' ? ['inspect', join(dir, f.file)] : ['validate', join(dir, f.file), '--profile', profile];
      const out = await cliInChild(args);
      expect(Date.now() - started).toBeLessThan(TIME_LIMIT_MS);
      expectOneSentence(out, f);
    }, TIME_LIMIT_MS + 10_000);
  });

  it('names the row of a too-wide record deep in a file read in pieces on the reading threads', async () => {
    // 6 MB: above the size at which reading threads start, the wide record far below the top the preview reads.
    const file = join(dir, 'wide-row-deep.csv');
    const rows = Array.from({ length: 400_000 }, (_, i) => `${i + 1};name ${i + 1}`);
    rows.splice(300_000, 0, ';'.repeat(100_000));
    await writeFile(file, `Id;Name\n${rows.join('\n')}\n`);
    const out = await cliInChild(['validate', file, '--profile', profile]);
    expect(out.code).toBe(2);
    expect(out.stderr).toEqual([expect.stringMatching(new RegExp(`^Error: wide-row-deep\\.csv: row 300002 ${TOO_WIDE.source}`))]);
    expect(out.maxRssMb).toBeLessThan(MEMORY_LIMIT_MB);
  }, TIME_LIMIT_MS + 10_000);
});
