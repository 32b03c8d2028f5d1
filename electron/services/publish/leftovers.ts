/**
 * What killed or cancelled runs leave behind: `NAME.xml.part` at the upload target and
 * `*.xml.part-<hex>` in the feeds folder. The next run of that target / folder removes them.
 */
import { basename, dirname } from 'node:path';
import type { AppDatabase } from '../db';
import { removeStalePartFiles } from '../feed/stale-parts';
import type { SftpTarget, HttpsTarget } from './settings';
import { describeTarget } from './settings';
import type { Leftovers } from './sftp-upload';

/** Leftovers at this target, with the runs that recorded each (cleared once it is gone). */
export interface TargetLeftovers extends Leftovers {
  runsOf(names: readonly string[]): number[];
}

/**
 * The `.part` names recorded by runs of this database for this very folder (other folders wait
 * for a run of theirs), and a test for names an SFTP listing finds: a `.part` of one of our runs'
 * feeds (older databases recorded nothing) that is not being published now.
 */
export function targetLeftovers(db: AppDatabase, target: SftpTarget | HttpsTarget, currentRunId: number): TargetLeftovers {
  // The folder as a part's recorded location starts (with its slash, however the setting ends).
  const folder = describeTarget(target, 'x').slice(0, -1);
  const byName = new Map<string, number[]>();
  for (const { id, part } of db.runs.leftoverUploadParts()) {
    if (id === currentRunId || !part.startsWith(folder)) continue;
    const rest = part.slice(folder.length);
    if (rest.includes('/')) continue;
    const name = target.kind === 'https' ? decodeURIComponent(rest) : rest;
    byName.set(name, [...(byName.get(name) ?? []), id]);
  }
  const isLeftover = (name: string): boolean => {
    const m = /^(minicrm-feed-.+-run(\d+)\.xml)\.part$/.exec(name);
    if (!m || Number(m[2]) === currentRunId) return false;
    const run = db.runs.getRecord(Number(m[2]));
    return run !== null && run.finishedAt !== null && run.feedPath !== null && basename(run.feedPath) === m[1];
  };
  return {
    names: [...byName.keys()],
    isLeftover,
    runsOf: (names) => names.flatMap((n) => byName.get(n) ?? []),
  };
}

/**
 * Removes feed temp files of this database's runs whose build is over (killed, failed, done) at
 * once, and any other temp file untouched for ten minutes. Returns the paths removed.
 */
export function cleanLocalLeftovers(db: AppDatabase, dir: string): Promise<string[]> {
  return removeStalePartFiles(dir, undefined, undefined, (runId, mtimeMs) => {
    const run = db.runs.getRecord(runId);
    // A file older than the run with that id belongs to another database's run.
    return run !== null && run.status !== 'validated' && mtimeMs >= Date.parse(run.startedAt) - 60_000;
  });
}

/** What a run says about the temp files cleanLocalLeftovers removed (null when none). */
export function removedNote(files: readonly string[]): string | null {
  return files.length ? `removed ${files.length} unfinished feed file(s) left by interrupted runs in ${dirname(files[0]!)}.` : null;
}
