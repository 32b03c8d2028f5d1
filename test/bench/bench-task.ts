/**
 * One measured task, run in its own process by run-bench.ts so that peak RSS belongs to that task
 * alone. Prints one JSON line: { task, seconds, maxRssMb, ...figures }.
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import Papa from 'papaparse';
import { silentJobContext } from '../../shared/domain/job';
import { parseProfileText } from '../../shared/profile/profile-parse';
import { inspectFile } from '../../electron/services/engine/inspect';
import { validateFile } from '../../electron/services/engine/validate';
import { buildFeed } from '../../electron/services/engine/build';
import { directPossible } from '../../electron/services/feed/feed-file';
import { openDatabase } from '../../electron/services/db/database';
import { xlsx } from '../../electron/services/reader/sheetjs';

const [task = '', file = '', ...rest] = process.argv.slice(2);

async function papaparseOnly(path: string): Promise<Record<string, number>> {
  let rows = 0;
  await new Promise<void>((resolve, reject) => {
    const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
    Papa.parse(stream as unknown as File, {
      header: false,
      chunk: (r: Papa.ParseResult<unknown>) => void (rows += r.data.length),
      complete: () => resolve(),
      error: (e: Error) => reject(e),
    });
  });
  return { rows };
}

async function sheetjsRead(path: string): Promise<Record<string, number>> {
  const XLSX = xlsx();
  const wb = XLSX.read(await readFile(path), { dense: true, cellDates: true });
  // SheetJS 0.20's dense mode keeps the rows (header included) in the sheet's `!data`.
  const sheet = wb.Sheets[wb.SheetNames[0]!] as unknown as { '!data'?: unknown[] };
  return { rows: Math.max(0, (sheet['!data'] ?? []).length - 1) };
}

async function run(): Promise<Record<string, number>> {
  const ctx = silentJobContext();
  switch (task) {
    case 'papaparse':
      return papaparseOnly(file);
    case 'sheetjs':
      return sheetjsRead(file);
    case 'inspect': {
      const r = await inspectFile(file, {}, [], ctx);
      return { rows: r.info.dataRows ?? 0 };
    }
    case 'validate': {
      const profile = parseProfileText(await readFile(rest[0]!, 'utf8'));
      const r = await validateFile(file, profile, {}, ctx);
      return { rows: r.rows, projects: r.projects, errors: r.errors, warnings: r.warnings };
    }
    case 'build': {
      const [profilePath, dbPath, out, mode, deliver] = rest;
      const profile = parseProfileText(await readFile(profilePath!, 'utf8'));
      const db = openDatabase(dbPath!);
      try {
        const t0 = performance.now();
        const r = await buildFeed(db, file, profile, { mode: mode === 'changed' ? 'changed' : 'full', out: out! }, ctx);
        // The build alone: marking delivered happens later, after a confirmed SyncFeed.
        const buildSeconds = (performance.now() - t0) / 1000;
        let deliverSeconds = 0;
        if (deliver === 'deliver') {
          // Stands in for a confirmed SyncFeed: the delta baseline advances through the same service.
          const t = performance.now();
          db.delivered.markDelivered(r.runId);
          deliverSeconds = (performance.now() - t) / 1000;
        }
        const feedDirect = await directPossible(dirname(resolve(out!)));
        return { rows: r.counts.rows, projects: r.counts.projects, written: r.counts.written, unchanged: r.counts.unchanged, feedBytes: r.feedSize ?? 0, feedDirect: feedDirect ? 1 : 0, buildSeconds, deliverSeconds };
      } finally {
        db.close();
      }
    }
    default:
      throw new Error(`unknown bench task ${task}`);
  }
}

const t0 = performance.now();
const figures = await run();
const seconds = (performance.now() - t0) / 1000;
const maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
process.stdout.write(JSON.stringify({ task, seconds, maxRssMb, ...figures }) + '\n');
