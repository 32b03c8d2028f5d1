/**
 * Measured tasks that are not a CLI command, each run in its own process by run-bench.ts so that
 * peak RSS belongs to that task alone. Prints one JSON line: { task, seconds, maxRssMb, ...figures }.
 *   papaparse FILE | sheetjs FILE | deliver DB RUN | check FILE PROFILE
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { silentJobContext } from '../../shared/domain/job';
import { parseProfileText } from '../../shared/profile/profile-parse';
import { compileMapping } from '../../shared/mapping/compile-mapping';
import { validateFile } from '../../electron/services/engine/validate';
import { ValidationSessions } from '../../electron/services/app/validation-sessions';
import { openDatabase } from '../../electron/services/db/database';

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
  const XLSX = await import('xlsx');
  const wb = XLSX.read(await readFile(path), { dense: true, cellDates: true });
  // SheetJS 0.18's dense mode makes the sheet itself an array of rows (header included).
  const sheet = wb.Sheets[wb.SheetNames[0]!] as unknown as unknown[];
  return { rows: Math.max(0, sheet.length - 1) };
}

/**
 * The app's Check screen on a whole file, in one process (what main holds): the check, then a
 * session that pages to a row past 90 % of the file and fixes a cell there.
 */
async function checkSession(path: string, profilePath: string): Promise<Record<string, number>> {
  const profile = parseProfileText(await readFile(profilePath, 'utf8'));
  const report = await validateFile(path, profile, { keep: true }, silentJobContext());
  const sessions = new ValidationSessions({
    makeChecker: (_r, info) => {
      const compiled = compileMapping(profile, info.headers);
      return (row, cells) => {
        const r = compiled.mapRow({ row, cells });
        return { id: r.id, issues: r.issues };
      };
    },
  });
  const s = sessions.create(report, { path, profile });
  const t = performance.now();
  const at = Math.floor(s.counts.rows * 0.9);
  const page = await sessions.page(s.sessionId, false, at, 100);
  const row = page.rows[0]!;
  await sessions.editCell(s.sessionId, row.row, s.headers[1]!, 'Javított Kft.');
  const pageSeconds = (performance.now() - t) / 1000;
  sessions.close(s.sessionId);
  return { rows: report.rows, pagedRow: row.row, pageSeconds };
}

async function run(): Promise<Record<string, number>> {
  switch (task) {
    case 'papaparse':
      return papaparseOnly(file);
    case 'sheetjs':
      return sheetjsRead(file);
    case 'deliver': {
      // Stands in for a confirmed SyncFeed: the delta baseline advances through the same service.
      const db = openDatabase(file);
      try {
        return { projects: db.delivered.markDelivered(Number(rest[0])) };
      } finally {
        db.close();
      }
    }
    case 'check':
      return checkSession(file, rest[0]!);
    default:
      throw new Error(`unknown bench task ${task}`);
  }
}

const t0 = performance.now();
const figures = await run();
const seconds = (performance.now() - t0) / 1000;
const maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
process.stdout.write(JSON.stringify({ task, seconds, maxRssMb, ...figures }) + '\n');
