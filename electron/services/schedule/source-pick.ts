/**
 * Which file a scheduled run reads: the fixed file, or the newest file in the folder whose name
 * matches the pattern. A file still being written (an ERP export that has not finished) is waited
 * for until its size and modification time stop changing.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CodedMessage } from '../../../shared/domain/message-codes';
import type { ScheduleSource } from '../../../shared/domain/schedule';

export interface PickedFile {
  path: string;
  size: number;
  mtimeMs: number;
}

/** A pattern's match on a file name, `*` and `?` as wildcards, letter case ignored (names only, no folders: hand-written for that). */
export function wildcard(pattern: string): RegExp {
  const body = pattern.trim().replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

/** Lock and temporary files of office programs and downloads: never an export to read. */
const NOT_AN_EXPORT = /^(~\$|\.~lock\.|\.)|\.(part|crdownload|tmp)$/i;

function stat(path: string): PickedFile | null {
  try {
    const st = statSync(path);
    return st.isFile() ? { path, size: st.size, mtimeMs: st.mtimeMs } : null;
  } catch {
    return null;
  }
}

/** The file as it is now, or why there is none (`file-not-found`, `folder-not-found`, `schedule-no-file`). */
export function findSource(source: ScheduleSource): { file: PickedFile } | { missing: CodedMessage } {
  if (source.kind === 'file') {
    const file = stat(source.path);
    return file ? { file } : { missing: { code: 'file-not-found', message: `File not found: ${source.path}`, params: { path: source.path } } };
  }
  let names: string[];
  try {
    names = readdirSync(source.folder);
  } catch {
    return { missing: { code: 'folder-not-found', message: `The folder ${source.folder} cannot be found.`, params: { folder: source.folder } } };
  }
  const match = wildcard(source.pattern);
  let newest: PickedFile | null = null;
  for (const name of names) {
    if (!match.test(name) || NOT_AN_EXPORT.test(name)) continue;
    const f = stat(join(source.folder, name));
    // The newest by modification time; the name decides between equal times so a rerun picks the same file.
    if (f && (!newest || f.mtimeMs > newest.mtimeMs || (f.mtimeMs === newest.mtimeMs && f.path > newest.path))) newest = f;
  }
  if (newest) return { file: newest };
  return {
    missing: {
      code: 'schedule-no-file', message: `No file matching ${source.pattern} was found in ${source.folder}.`,
      params: { pattern: source.pattern, folder: source.folder },
    },
  };
}

export interface SettleOptions {
  /** A file changed less than this long ago is watched until it stays the same for as long. */
  quietMs?: number;
  /** Waiting ends after this long; the file is read as it then is. */
  maxWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/** Waits until the file stopped changing (size and time the same over `quietMs`), at most `maxWaitMs`. */
export async function settled(file: PickedFile, o: SettleOptions = {}): Promise<PickedFile> {
  const quiet = o.quietMs ?? 5_000;
  const maxWait = o.maxWaitMs ?? 120_000;
  const now = o.now ?? Date.now;
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const started = now();
  let current = file;
  while (now() - current.mtimeMs < quiet && now() - started < maxWait) {
    await sleep(quiet);
    const again = stat(current.path);
    if (!again) return current;
    if (again.size === current.size && again.mtimeMs === current.mtimeMs) return again;
    current = again;
  }
  return current;
}
