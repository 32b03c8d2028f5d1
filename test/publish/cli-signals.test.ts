/**
 * Ctrl+C, SIGTERM and SIGHUP sent to a real `sync` at work: it stops cleanly, removes what it half
 * wrote here and at the target, records the run cancelled and exits 130 / 143 / 129.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { PROFILE } from './journey-helpers';
import { REPO, startCli, until } from './cli-child';
import { cliEnv, configuredDb, customersCsv, filesIn, partials, remoteFolder, reopen, useRobustServers } from './robust-helpers';

const s = useRobustServers('5150', 'signals-key-5150');

const syncArgs = (db: string, csv: string, feeds: string) => ['sync', csv, '--profile', PROFILE, '--db', db, '--out-dir', feeds];

describe('stop signals during a CLI sync', () => {
  it('SIGINT while writing the feed: exit 130 (and its JSON), run cancelled, no temp file, nothing uploaded or asked', async () => {
    const db = configuredDb(s, 'https', 'sigint');
    const feeds = join(s.tmp.dir, 'sigint-feeds');
    const csv = customersCsv(join(s.tmp.dir, 'sigint.csv'), 60_000);
    const before = s.standin.syncRequests.length;
    // A script's run (--json): its document says how it ended too.
    const cli = startCli([...syncArgs(db, csv, feeds), '--json'], cliEnv(s, 'https'));
    await until(() => partials(feeds).length > 0, 'the feed being written');
    cli.child.kill('SIGINT');
    const r = await cli.done;
    expect(r.code, r.err).toBe(130);
    expect(r.err).toContain('Stopping (SIGINT)');
    expect(r.err).toContain('Stopped (SIGINT). Nothing was written.');
    expect(JSON.parse(r.out)).toMatchObject({ ok: false, exitCode: 130, error: { code: 'cancelled' } });
    expect(filesIn(feeds)).toEqual([]);
    expect(filesIn(remoteFolder(s, 'https', 'sigint'))).toEqual([]);
    expect(s.standin.syncRequests.length).toBe(before);
    reopen(db, (_db, runs) => {
      expect(runs.map((x) => [x.status, x.errorCode])).toEqual([['cancelled', 'build-cancelled']]);
    });
  });

  it('SIGTERM during the SFTP upload: exit 143, the .part is removed at the target, run cancelled, MiniCRM not asked', async () => {
    const db = configuredDb(s, 'sftp', 'sigterm');
    const feeds = join(s.tmp.dir, 'sigterm-feeds');
    const remote = remoteFolder(s, 'sftp', 'sigterm');
    const csv = customersCsv(join(s.tmp.dir, 'sigterm.csv'), 3000);
    const before = s.standin.syncRequests.length;
    s.sftpRelay.bytesPerSecond = 200_000;
    onTestFinished(() => { s.sftpRelay.bytesPerSecond = null; });
    const cli = startCli(syncArgs(db, csv, feeds), cliEnv(s, 'sftp'));
    await until(() => partials(remote).length > 0, 'the upload to start');
    cli.child.kill('SIGTERM');
    s.sftpRelay.bytesPerSecond = null;
    const r = await cli.done;
    expect(r.code, r.err).toBe(143);
    expect(r.err).toMatch(/Upload cancelled; nothing was sent to MiniCRM\. Run #\d+ is cancelled\./);
    expect(filesIn(remote)).toEqual([]);
    expect(partials(feeds)).toEqual([]);
    expect(s.standin.syncRequests.length).toBe(before);
    reopen(db, (_db, runs) => {
      expect(runs.map((x) => [x.status, x.errorCode])).toEqual([['cancelled', 'upload-cancelled']]);
    });
  });

  it('SIGHUP while MiniCRM works on the feed: exit 129, run cancelled with MiniCRM asked and no answer', async () => {
    const db = configuredDb(s, 'https', 'sighup');
    const csv = customersCsv(join(s.tmp.dir, 'sighup.csv'), 20);
    s.standin.setFault({ kind: 'slow', ms: 3000 }, { on: 'syncfeed' });
    onTestFinished(() => { s.standin.setFault(null); });
    const cli = startCli(syncArgs(db, csv, join(s.tmp.dir, 'sighup-feeds')), cliEnv(s, 'https'));
    await until(() => s.standin.syncRequests.some((q) => q.source.includes('sighup')), 'the SyncFeed request');
    cli.child.kill('SIGHUP');
    const r = await cli.done;
    expect(r.code, r.err).toBe(129);
    expect(r.err).toMatch(/Cancelled while waiting for MiniCRM\. It may still process the feed/);
    reopen(db, (_db, runs) => {
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({ status: 'cancelled', errorCode: 'cancelled-waiting-for-minicrm', syncStatus: null });
      expect(runs[0]!.syncedAt).not.toBeNull();
    });
  });

  it('Ctrl+C in a terminal running `npm run cli` (the whole process group) while writing: exit 130, message, nothing left', async () => {
    const db = configuredDb(s, 'https', 'npm');
    const feeds = join(s.tmp.dir, 'npm-feeds');
    const csv = customersCsv(join(s.tmp.dir, 'npm.csv'), 60_000);
    const { MINICRM_SYNC_PROCESS: _t, ...env } = process.env;
    // Like a terminal: the command's output goes to one file every process of the group shares
    // (npm may end before node has written its last line), and the group gets the signal.
    const log = join(s.tmp.dir, 'npm-terminal.log');
    const terminal = openSync(log, 'w');
    const npm = spawn('npm', ['run', '--silent', 'cli', '--', ...syncArgs(db, csv, feeds)], {
      cwd: REPO, env: { ...env, ...cliEnv(s, 'https') }, detached: true, stdio: ['ignore', terminal, terminal],
    });
    closeSync(terminal);
    const group = npm.pid!;
    const groupAlive = () => { try { process.kill(-group, 0); return true; } catch { return false; } };
    onTestFinished(() => { if (groupAlive()) process.kill(-group, 'SIGKILL'); });
    const npmEnd = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => npm.on('exit', (code, signal) => resolve({ code, signal })));
    await until(() => partials(feeds).length > 0, 'the feed being written', 60_000);
    process.kill(-group, 'SIGINT');
    const end = await npmEnd;
    await until(() => !groupAlive(), 'every process of the group to end');
    const out = readFileSync(log, 'utf8');
    // npm dies of the SIGINT itself or passes node's 130 on: the shell reports 130 either way.
    expect(end.code === 130 || end.signal === 'SIGINT', out).toBe(true);
    expect(out).toContain('Stopped (SIGINT). Nothing was written.');
    expect(filesIn(feeds)).toEqual([]);
    reopen(db, (_db, runs) => {
      expect(runs.map((x) => [x.status, x.errorCode])).toEqual([['cancelled', 'build-cancelled']]);
    });
  });
});
