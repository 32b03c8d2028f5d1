/**
 * `npm run cli` runs the CLI bundled with the app (out/main/cli.js, built by electron-vite beside
 * index.js and the workers; the test run's pretest builds it), not TypeScript through a loader: it
 * starts at once when nothing changed, rebuilds first when a source is newer than the bundle, and
 * its reading threads are the bundled reading-worker.js found the way the app's main bundle finds
 * them.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { bundleIsStale } from '../../scripts/cli-freshness.mjs';
import { SPLIT_PROFILE, writeCsv } from '../engine/helpers';

const run = promisify(execFile);
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), 'minicrm-bundle-'));
  dirs.push(d);
  return d;
};

describe('the bundled CLI', () => {
  it('npm run cli starts the bundle without building when nothing changed', async () => {
    const r = await run(process.execPath, ['scripts/cli.mjs', 'help'], { cwd: resolve('.') });
    expect(r.stdout).toContain('Usage: npm run cli -- <command>');
    expect(r.stderr).not.toContain('Building the app first');
  });

  it('is stale only when a source is newer than the bundle (or there is none)', () => {
    const root = temp();
    mkdirSync(join(root, 'electron/cli'), { recursive: true });
    mkdirSync(join(root, 'out/main'), { recursive: true });
    const src = join(root, 'electron/cli/main.ts');
    const bundle = join(root, 'out/main/cli.js');
    writeFileSync(src, '');
    expect(bundleIsStale(root)).toBe(true);
    writeFileSync(bundle, '');
    const t = (s: number) => new Date(Date.now() - s * 1000);
    utimesSync(src, t(100), t(100));
    utimesSync(bundle, t(50), t(50));
    expect(bundleIsStale(root)).toBe(false);
    utimesSync(src, t(10), t(10));
    expect(bundleIsStale(root)).toBe(true);
    // The renderer is not part of the CLI.
    utimesSync(src, t(100), t(100));
    mkdirSync(join(root, 'renderer'));
    writeFileSync(join(root, 'renderer/x.tsx'), '');
    expect(bundleIsStale(root)).toBe(false);
  });

  it('a large build reads in the bundled reading-worker.js beside the bundle, never the TypeScript source', async () => {
    const dir = temp();
    const rows = [['Kód', 'Cég', 'Keresztnév', 'Vezetéknév', 'E-mail', 'Megjegyzés']];
    for (let i = 0; i < 100_000; i++) rows.push([`K-${i}`, `Cég ${i} Kft.`, 'Anna', 'Kovács', `info${i}@ceg.hu`, 'x'.repeat(40)]);
    const csv = writeCsv(join(dir, 'nagy.csv'), rows);
    writeFileSync(join(dir, 'p.json'), JSON.stringify(SPLIT_PROFILE));
    const r = await run(process.execPath, [
      '--import', pathToFileURL(resolve('test/shell/fixtures/worker-spy.mjs')).href, resolve('out/main/cli.js'),
      'build', csv, '--profile', join(dir, 'p.json'), '--out', join(dir, 'feed.xml'), '--db', join(dir, 'h.sqlite'), '--json',
    ], { cwd: dir, maxBuffer: 1 << 26 });
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'built', projects: 100_000 });
    const workers = r.stderr.split('\n').filter((l) => l.startsWith('worker-started: '));
    expect(workers.length).toBeGreaterThan(0);
    for (const w of workers) expect(w).toMatch(/out[\\/]main[\\/]reading-worker\.js$/);
  }, 120_000);
});
