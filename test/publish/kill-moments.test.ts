/**
 * `kill -9` of a real CLI `sync` at the moments that matter (writing the feed, uploading it, after
 * the upload, when SyncFeed arrives at MiniCRM, when MiniCRM's answer is on its way), against sshd,
 * nginx and the MiniCRM stand-in behind relays that widen each window. After each kill, the next
 * start and the next sync must tell the truth: no final-named partial feed, integrity ok, the
 * killed run failed with a reason, no `.part` left, and each change reaching MiniCRM once per sync
 * intent (a sync whose answer was lost is followed by one that says what it sends again, and why).
 */
import { readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { RunRecord } from '../../shared/domain/run';
import { startCli, until, type CliChild } from './cli-child';
import { cliWith, PROFILE } from './journey-helpers';
import { cliEnv, configuredDb, customersCsv, filesIn, partials, remoteFolder, reopen, useRobustServers } from './robust-helpers';

const s = useRobustServers('9009', 'kill-key-9009');

type Moment = 'writing' | 'uploading' | 'after-upload' | 'arrival' | 'answer';
type Kind = 'sftp' | 'https';

/** How far each moment lets a run get: the reasons the next start may give it. */
const REASONS: Record<Moment, string[]> = {
  writing: ['run-interrupted'],
  uploading: ['run-interrupted-uploading'],
  // Between the rename and the ask the run is recorded uploading, uploaded or asked.
  'after-upload': ['run-interrupted-uploading', 'run-interrupted-after-upload', 'sync-answer-unknown'],
  arrival: ['sync-answer-unknown'],
  answer: ['sync-answer-unknown'],
};

const ROWS: Record<Moment, number> = { writing: 8000, uploading: 2500, 'after-upload': 200, arrival: 200, answer: 200 };

function widen(moment: Moment, kind: Kind): void {
  if (moment === 'uploading') (kind === 'sftp' ? s.sftpRelay : s.davRelay).bytesPerSecond = 250_000;
  if (moment === 'after-upload') s.apiRelay.delayMs = 1500;
  onTestFinished(() => {
    s.sftpRelay.bytesPerSecond = null;
    s.davRelay.bytesPerSecond = null;
    s.apiRelay.delayMs = 0;
    s.standin.onSyncArrived = null;
    s.standin.onSyncAnswer = null;
  });
}

/** Arms the kill of `cli` at `moment`; resolves once it is dead. */
async function killAt(moment: Moment, kind: Kind, name: string, cli: CliChild, feeds: string, remote: string): Promise<void> {
  const kill = async () => {
    cli.child.kill('SIGKILL');
    await cli.done;
  };
  const mine = (source: string) => source.includes(`/${name}/`);
  if (moment === 'arrival' || moment === 'answer') {
    const killed = new Promise<void>((resolve) => {
      const hook = async (source: string) => {
        if (!mine(source)) return;
        await kill();
        resolve();
      };
      if (moment === 'arrival') s.standin.onSyncArrived = hook;
      else s.standin.onSyncAnswer = (_status, source) => hook(source);
    });
    await Promise.race([killed, cli.done.then((r) => {
      if (r.signal !== 'SIGKILL') throw new Error(`sync ended before the kill (${r.code}): ${r.err}`);
    })]);
    return;
  }
  const upBefore = s.davRelay.bytesUp;
  const reached: Record<'writing' | 'uploading' | 'after-upload', () => boolean> = {
    writing: () => partials(feeds).length > 0,
    uploading: () => (kind === 'sftp' ? partials(remote).length > 0 : s.davRelay.bytesUp - upBefore > 200_000),
    'after-upload': () => filesIn(remote).some((f) => f.endsWith('.xml')),
  };
  await until(reached[moment], `the sync to reach "${moment}"`, 60_000, 5);
  await kill();
}

/** Final-named feeds at the target are whole: each is byte for byte the feed of a run. */
function finalFeedsAreWhole(remote: string, runs: RunRecord[]): void {
  for (const name of filesIn(remote).filter((f) => f.endsWith('.xml'))) {
    const run = runs.find((r) => r.feedPath && basename(r.feedPath) === name);
    expect(run, `${name} belongs to a run`).toBeDefined();
    expect(statSync(join(remote, name)).size).toBe(run!.feedSize);
    expect(readFileSync(join(remote, name)).equals(readFileSync(run!.feedPath!))).toBe(true);
  }
}

async function scenario(moment: Moment, kind: Kind, n: number): Promise<void> {
  const name = `${moment}-${kind}-${n}`;
  const db = configuredDb(s, kind, name);
  const feeds = join(s.tmp.dir, `${name}-feeds`);
  const remote = remoteFolder(s, kind, name);
  const csv = customersCsv(join(s.tmp.dir, `${name}.csv`), ROWS[moment]);
  const args = ['sync', csv, '--profile', PROFILE, '--db', db, '--out-dir', feeds];
  const env = cliEnv(s, kind);
  const syncsBefore = s.standin.syncs.length;
  widen(moment, kind);

  const killed = startCli(args, env);
  await killAt(moment, kind, name, killed, feeds, remote);
  expect((await killed.done).signal).toBe('SIGKILL');
  s.sftpRelay.bytesPerSecond = null;
  s.davRelay.bytesPerSecond = null;
  s.apiRelay.delayMs = 0;
  const delivered = moment === 'arrival' || moment === 'answer';
  // MiniCRM goes on with a request whose sender died: wait until it has the feed.
  if (delivered) await until(() => s.standin.syncs.length > syncsBefore, 'MiniCRM to process the feed');

  // The next start (any opener of the database) tells how far the killed run got.
  const killedRun = reopen(db, (_db, runs) => {
    expect(runs).toHaveLength(1);
    expect(runs[0]!.status).toBe('failed');
    expect(REASONS[moment]).toContain(runs[0]!.errorCode);
    expect(runs[0]!.error).toBeTruthy();
    finalFeedsAreWhole(remote, runs);
    return runs[0]!;
  });

  // The next start in-process (the CLI as the same code; only the killed one needs a process of its own).
  const cli = cliWith(env);
  const next = await cli(...args);
  expect(next.code, next.err).toBe(0);
  if (killedRun.errorCode === 'sync-answer-unknown') {
    expect(next.err).toMatch(new RegExp(`Note: ${ROWS[moment]} project\\(s\\) are sent again: MiniCRM was asked to sync them at [\\d-]+ [\\d:]+ \\(run #${killedRun.id}\\), but its answer was not recorded`));
  }
  expect(partials(remote)).toEqual([]);
  expect(partials(feeds)).toEqual([]);
  // Once per sync intent: the killed sync's when MiniCRM got it (always once SyncFeed arrived),
  // then the next one's.
  const killedFeed = killedRun.feedPath ? basename(killedRun.feedPath) : null;
  const processedKilled = killedFeed !== null && s.standin.syncRequests.some((q) => q.status === 200 && q.source.endsWith(`/${killedFeed}`));
  if (delivered) expect(processedKilled).toBe(true);
  const intents = processedKilled ? 2 : 1;
  expect(s.standin.syncs.length - syncsBefore).toBe(intents);
  expect(s.standin.syncs.slice(syncsBefore).every((ids) => ids.length === ROWS[moment])).toBe(true);
  reopen(db, (_db, runs) => {
    expect(runs.map((r) => r.status)).toEqual(['delivered', 'failed']);
    finalFeedsAreWhole(remote, runs);
  });
  // And the baseline moved: nothing is sent a third time.
  const third = await cli(...args);
  expect(third.out).toContain('Nothing changed since the last delivered sync; MiniCRM was not asked.');
  expect(s.standin.syncs.length - syncsBefore).toBe(intents);
}

describe('a CLI sync killed with SIGKILL, then started again', () => {
  it.each([
    ['writing', 'sftp', 1], ['writing', 'https', 1],
    ['uploading', 'sftp', 1], ['uploading', 'https', 1],
    ['after-upload', 'sftp', 1], ['after-upload', 'https', 1],
    ['arrival', 'sftp', 1],
    ['answer', 'sftp', 1], ['answer', 'https', 1],
  ] as const)('while %s (%s, #%i)', (moment, kind, n) => scenario(moment, kind, n), 120_000);
});
