import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { openDatabase } from '../../electron/services/db/database';
import { INTERRUPTED_REASON } from '../../electron/services/db/repositories/run-repository';
import { removeStalePartFiles } from '../../electron/services/feed/stale-parts';
import { useTempDir } from './temp-dir';

const here = path.dirname(fileURLToPath(import.meta.url));

describe('crash safety', () => {
  const tempDir = useTempDir();

  it('a process killed mid-write leaves no feed under the final name, and the run is failed on next start', async () => {
    const dir = tempDir();
    const dbFile = path.join(dir, 'h.sqlite');
    const feedFile = path.join(dir, 'feeds', 'minicrm-feed-x.xml');
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'crash-child.ts'), dbFile, feedFile], {
      cwd: path.join(here, '..', '..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Also when a check fails or times out first: the child writes for ever otherwise.
    onTestFinished(() => void child.kill('SIGKILL'));
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) resolve(out.trim());
      });
      child.on('exit', (code) => reject(new Error(`child exited early (${code}): ${stderr}`)));
    });
    const [, runIdText, tempPath] = line.split(' ') as [string, string, string];
    expect(fs.statSync(tempPath).size).toBeGreaterThan(0);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    expect(fs.existsSync(feedFile)).toBe(false);
    expect(fs.readdirSync(path.dirname(feedFile))).toEqual([path.basename(tempPath)]);

    // What the kill left, before an opener marks it (openDatabase does by default).
    const app = openDatabase(dbFile, { keepInterrupted: true });
    expect(app.db.pragma('integrity_check', { simple: true })).toBe('ok');
    const runId = Number(runIdText);
    expect(app.runs.getRecord(runId)).toMatchObject({ status: 'validated', finishedAt: null });
    expect(app.runs.stagedCount(runId)).toBeGreaterThan(0);
    expect(app.runs.markInterruptedOnStart()).toEqual([runId]);
    expect(app.runs.getRecord(runId)).toMatchObject({ status: 'failed', error: INTERRUPTED_REASON });
    expect(app.runs.stagedCount(runId)).toBe(0);
    expect(app.delivered.count()).toBe(0);
    app.close();

    // The leftover temp file is cleaned up once it is stale.
    expect(await removeStalePartFiles(path.dirname(feedFile), 0)).toEqual([tempPath]);
    expect(fs.readdirSync(path.dirname(feedFile))).toEqual([]);
  });
});
