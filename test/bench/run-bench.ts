/**
 * `npm run bench`: performance figures (never asserted in tests). Generates the benchmark files
 * once into bench-data/ (git-ignored), runs every task in its own process and prints seconds,
 * rows/s, MB/s, peak RSS and the ratios the issues set as targets.
 *   BENCH_ROWS (default 1,000,000), BENCH_XLSX_ROWS (default 100,000), BENCH_ONLY=csv|xlsx|build
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { generateCsv, generateXlsx } from './generate-data';

const root = resolve(import.meta.dirname, '../..');
const dataDir = join(root, 'bench-data');
const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const xlsxRows = Number(process.env.BENCH_XLSX_ROWS ?? 100_000);
const only = process.env.BENCH_ONLY ?? '';
const profile = join(root, 'test/bench/bench-profile.json');

interface Result { task: string; seconds: number; maxRssMb: number; rows?: number; [k: string]: number | string | undefined }

/**
 * The app runs bundled code (electron-vite), not TypeScript through a loader; the bench measures the
 * same: bench-task.ts and the build's reading worker are bundled with esbuild into bench-data/.
 */
async function bundle(): Promise<string> {
  const out = join(dataDir, 'bundle');
  const common = { bundle: true, platform: 'node' as const, format: 'esm' as const, packages: 'external' as const, target: 'node20' };
  await build({ ...common, entryPoints: [join(root, 'test/bench/bench-task.ts')], outfile: join(out, 'bench-task.js') });
  // The engine looks for pipeline-worker.js next to the bundle that starts it, as in out/main/.
  await build({ ...common, entryPoints: [join(root, 'electron/services/engine/pipeline-worker.ts')], outfile: join(out, 'pipeline-worker.js') });
  return join(out, 'bench-task.js');
}

let taskScript = '';

function task(name: string, ...args: string[]): Result {
  const out = execFileSync(process.execPath, [taskScript, name, ...args], {
    cwd: root, encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, NODE_OPTIONS: '' },
  });
  return JSON.parse(out.trim().split('\n').at(-1)!) as Result;
}

function line(label: string, r: Result, sizeBytes: number, base?: Result): void {
  const rps = r.rows ? Math.round(r.rows / r.seconds).toLocaleString('en-US') : '-';
  const mbs = (sizeBytes / 1024 / 1024 / r.seconds).toFixed(1);
  const ratio = base ? `  ${(r.seconds / base.seconds).toFixed(2)}x ${base.task}` : '';
  console.log(`${label.padEnd(34)} ${r.seconds.toFixed(2).padStart(7)} s  ${rps.padStart(10)} rows/s  ${mbs.padStart(6)} MB/s  peak RSS ${String(r.maxRssMb).padStart(5)} MB${ratio}`);
}

async function main(): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  const csv = join(dataDir, `bench-${rows}.csv`);
  const xlsx = join(dataDir, `bench-${xlsxRows}.xlsx`);
  if (!existsSync(csv)) { console.log(`generating ${csv} …`); await generateCsv(csv, rows); }
  if (!existsSync(xlsx) && (!only || only === 'xlsx')) { console.log(`generating ${xlsx} …`); await generateXlsx(xlsx, xlsxRows); }
  taskScript = await bundle();
  const csvSize = statSync(csv).size;
  console.log(`\nCSV: ${rows.toLocaleString('en-US')} rows, ${(csvSize / 1024 / 1024).toFixed(0)} MB; node ${process.version}, ${process.platform}\n`);

  const papa = task('papaparse', csv);
  line('papaparse parse-only (baseline)', papa, csvSize);
  if (!only || only === 'csv') {
    const insp = task('inspect', csv);
    line('inspect CSV', insp, csvSize, papa);
    const val = task('validate', csv, profile);
    line('validate CSV', val, csvSize, papa);
    console.log(`  target validate <= 3x papaparse: ${(val.seconds / papa.seconds).toFixed(2)}x; peak RSS <= 512 MB: ${val.maxRssMb} MB`);
  }
  if (!only || only === 'build') {
    const db = join(dataDir, 'bench.sqlite');
    for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
    const withDelivery = task('build', csv, profile, db, join(dataDir, 'feed-full.xml'), 'full', 'deliver');
    // Until 2026-11-28 the figure included marking the run delivered; now the build alone.
    const b1: Result = { ...withDelivery, seconds: Number(withDelivery.buildSeconds) };
    line('build --full (validate+feed+history)', b1, csvSize, papa);
    console.log(`  feed ${((Number(b1.feedBytes) || 0) / 1024 / 1024).toFixed(0)} MB, ${b1.written} projects; marking delivered took ${Number(b1.deliverSeconds).toFixed(2)} s`);
    const b2 = task('build', csv, profile, db, join(dataDir, 'feed-changed.xml'), 'changed');
    line('build --changed-only, nothing changed', b2, csvSize, papa);
    console.log(`  written ${b2.written}, unchanged ${b2.unchanged}`);
    console.log(`  targets: build <= 4x papaparse: ${(b1.seconds / papa.seconds).toFixed(2)}x; re-run <= 3x: ${(b2.seconds / papa.seconds).toFixed(2)}x; peak RSS <= 512 MB: ${Math.max(b1.maxRssMb, b2.maxRssMb)} MB`);
  }
  if (!only || only === 'xlsx') {
    const xlsxSize = statSync(xlsx).size;
    console.log(`\nXLSX: ${xlsxRows.toLocaleString('en-US')} rows, ${(xlsxSize / 1024 / 1024).toFixed(1)} MB\n`);
    const sj = task('sheetjs', xlsx);
    line('SheetJS dense read (baseline)', sj, xlsxSize);
    const vx = task('validate', xlsx, profile);
    line('validate XLSX', vx, xlsxSize, sj);
    console.log(`  target validate XLSX no slower than SheetJS reading it: ${(vx.seconds / sj.seconds).toFixed(2)}x`);
  }
}

await main();
