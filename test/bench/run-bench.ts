/**
 * `npm run bench`: performance figures (never asserted in tests), through the entry point users
 * run: the built command line (out/main/cli.js, what `npm run cli` starts). For every shape of CSV
 * (generate-data.ts: clean, quoted line breaks, rows of a project far apart, 5 % bad rows, every row
 * bad, one row per order) it times papaparse reading the file (the baseline), `validate`, `build` (feed + history) and
 * the `build --changed-only` that finds nothing changed; then the Check screen's session on the
 * clean file, and a 100,000-row XLSX against SheetJS reading it. Each task runs in its own process;
 * peak RSS is that process's (all threads).
 *   BENCH_ROWS (default 1,000,000), BENCH_XLSX_ROWS (default 100,000), BENCH_SHAPES=clean,apart…,
 *   BENCH_ONLY=csv|xlsx, BENCH_ROUNDS (default 3; timings here move by up to 20 % between runs, so
 *   each CSV figure is the median of the rounds, with its range).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { CSV_SHAPES, generateCsv, generateXlsx, type CsvShape } from './generate-data';

const root = resolve(import.meta.dirname, '../..');
const dataDir = join(root, 'bench-data');
const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const xlsxRows = Number(process.env.BENCH_XLSX_ROWS ?? 100_000);
const only = process.env.BENCH_ONLY ?? '';
const shapes = (process.env.BENCH_SHAPES?.split(',') ?? CSV_SHAPES) as CsvShape[];
const profile = join(root, 'test/bench/bench-profile.json');
const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const cli = join(root, 'out/main/cli.js');
const rssPreload = join(root, 'test/bench/rss-preload.mjs');

interface Result { task: string; seconds: number; maxRssMb: number; json?: Record<string, unknown>; [k: string]: unknown }

/** bench-task.ts (and the reading worker it starts) bundled as the app bundles its code. */
async function bundleTasks(): Promise<string> {
  const out = join(dataDir, 'bundle');
  const common = { bundle: true, platform: 'node' as const, format: 'esm' as const, packages: 'external' as const, target: 'node20' };
  await build({ ...common, entryPoints: [join(root, 'test/bench/bench-task.ts')], outfile: join(out, 'bench-task.js') });
  await build({ ...common, entryPoints: [join(root, 'electron/services/engine/reading-worker.ts')], outfile: join(out, 'reading-worker.js') });
  return join(out, 'bench-task.js');
}

let taskScript = '';

function task(name: string, ...args: string[]): Result {
  const out = execFileSync(process.execPath, [taskScript, name, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, NODE_OPTIONS: '' } });
  return JSON.parse(out.trim().split('\n').at(-1)!) as Result;
}

/** One CLI command, timed from outside as a user would wait for it; exit 0 or 1 (rows with errors) both count. */
function command(name: string, ...args: string[]): Result {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', rssPreload, cli, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, NODE_OPTIONS: '' } });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const rss = /BENCH_RSS_KB (\d+)/.exec(r.stderr);
  const json = args.includes('--json') ? (JSON.parse(r.stdout) as Record<string, unknown>) : undefined;
  return { task: name, seconds, maxRssMb: rss ? Math.round(Number(rss[1]) / 1024) : -1, ...(json ? { json } : {}) };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

function line(label: string, runs: Result[], base?: Result[], limit?: number): { ratio: number; met: boolean } {
  const secs = runs.map((r) => r.seconds);
  const mid = median(secs);
  const rss = Math.max(...runs.map((r) => r.maxRssMb));
  const range = runs.length > 1 ? ` (${Math.min(...secs).toFixed(2)}–${Math.max(...secs).toFixed(2)})` : '';
  let tail = '';
  let ratio = 0;
  let met = true;
  if (base) {
    ratio = mid / median(base.map((r) => r.seconds));
    const each = runs.map((r, i) => r.seconds / base[i]!.seconds);
    met = limit === undefined || ratio <= limit;
    tail = `  ${ratio.toFixed(2)}x papaparse${limit ? ` (target <= ${limit}x: ${met ? 'met' : 'NOT met'}; rounds ${each.map((x) => x.toFixed(2)).join(', ')})` : ''}`;
  }
  console.log(`  ${label.padEnd(34)} ${mid.toFixed(2).padStart(7)} s${range.padEnd(16)} peak RSS ${String(rss).padStart(4)} MB${tail}`);
  return { ratio, met };
}

async function main(): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  console.log('building the app (electron-vite build) …');
  execFileSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: 'ignore' });
  taskScript = await bundleTasks();
  console.log(`node ${process.version}, ${process.platform}; ${rounds} round(s): medians (range)`);
  const summary: string[] = [];
  let rssMax = 0;
  if (!only || only === 'csv') {
    for (const shape of shapes) {
      const csv = join(dataDir, `bench-${shape}-${rows}.csv`);
      if (!existsSync(csv)) {
        console.log(`generating ${csv} …`);
        await generateCsv(csv, rows, { shape });
      }
      const size = statSync(csv).size;
      console.log(`\nCSV ${shape}: ${rows.toLocaleString('en-US')} rows, ${(size / 1024 / 1024).toFixed(0)} MB`);
      const papa: Result[] = [];
      const val: Result[] = [];
      const full: Result[] = [];
      const rerun: Result[] = [];
      let last: Record<string, unknown> | undefined;
      for (let i = 0; i < rounds; i++) {
        papa.push(task('papaparse', csv));
        val.push(command('validate', 'validate', csv, '--profile', profile));
        const db = join(dataDir, `bench-${shape}.sqlite`);
        for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
        const b = command('build', 'build', csv, '--profile', profile, '--db', db, '--out', join(dataDir, 'feed-full.xml'), '--full', '--json');
        full.push(b);
        task('deliver', db, String(b.json!.run));
        const again = command('re-run', 'build', csv, '--profile', profile, '--db', db, '--out', join(dataDir, 'feed-changed.xml'), '--changed-only', '--json');
        rerun.push(again);
        last = again.json;
        process.stdout.write(`  round ${i + 1} of ${rounds} done\n`);
      }
      line('papaparse parse-only (baseline)', papa);
      const v = line('validate', val, papa, 2);
      const b = line('build --full (feed + history)', full, papa, 4);
      console.log(`    ${full[0]!.json!.written} projects written, ${full[0]!.json!.rejected} rejected`);
      const r = line('build --changed-only, nothing changed', rerun, papa, 3);
      console.log(`    written ${last?.written}, unchanged ${last?.unchanged}`);
      rssMax = Math.max(rssMax, ...[...val, ...full, ...rerun].map((x) => x.maxRssMb));
      summary.push(`${shape.padEnd(11)} validate ${v.ratio.toFixed(2)}x${v.met ? '' : ' (NOT met)'}, build ${b.ratio.toFixed(2)}x${b.met ? '' : ' (NOT met)'}, re-run ${r.ratio.toFixed(2)}x${r.met ? '' : ' (NOT met)'}`);
    }
    const clean = join(dataDir, `bench-${shapes[0]}-${rows}.csv`);
    const c = task('check', clean, profile);
    console.log(`\nCheck screen session (${shapes[0]}, ${Number(c.rows).toLocaleString('en-US')} rows): check ${c.seconds.toFixed(2)} s, page to row ${c.pagedRow} and fix it ${Number(c.pageSeconds).toFixed(3)} s, peak RSS ${c.maxRssMb} MB`);
    rssMax = Math.max(rssMax, c.maxRssMb);
  }
  if (!only || only === 'xlsx') {
    const xlsx = join(dataDir, `bench-${xlsxRows}.xlsx`);
    if (!existsSync(xlsx)) {
      console.log(`generating ${xlsx} …`);
      await generateXlsx(xlsx, xlsxRows);
    }
    console.log(`\nXLSX: ${xlsxRows.toLocaleString('en-US')} rows, ${(statSync(xlsx).size / 1024 / 1024).toFixed(1)} MB`);
    const sj = task('sheetjs', xlsx);
    const vx = command('validate', 'validate', xlsx, '--profile', profile);
    console.log(`  SheetJS reading it ${sj.seconds.toFixed(2)} s (peak RSS ${sj.maxRssMb} MB); validate ${vx.seconds.toFixed(2)} s (peak RSS ${vx.maxRssMb} MB): ${(vx.seconds / sj.seconds).toFixed(2)}x (target <= 1x)`);
    rssMax = Math.max(rssMax, vx.maxRssMb);
  }
  console.log('\nSummary (ratios of medians to papaparse; targets validate <= 2x, build <= 4x, re-run <= 3x):');
  for (const s of summary) console.log(`  ${s}`);
  console.log(`  peak RSS of every task: ${rssMax} MB (target <= 512 MB)`);
}

await main();
