import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { basename, resolve } from 'node:path';
import { CancelledError, UnusableInputError } from '../../../shared/domain/errors';
import { isMessageCode } from '../../../shared/domain/message-codes';
import { toIpcError } from '../../../shared/ipc/ipc-error';
import type { AppDatabase } from '../db/database';

export interface SourceDescription {
  name: string;
  path: string;
  size: number;
  /** Computed alongside the main read (the second core does the hashing I/O in parallel). */
  sha256: Promise<string | null>;
}

export async function describeSource(path: string): Promise<SourceDescription> {
  const abs = resolve(path);
  const st = await stat(abs).catch(() => null);
  if (!st || !st.isFile()) throw new UnusableInputError('file-not-found', `File not found: ${path}`, { path });
  return { name: basename(abs), path: abs, size: st.size, sha256: sha256File(abs) };
}

/** The file's SHA-256 as the build records it (streamed; null when it cannot be read). */
export function sha256File(path: string): Promise<string | null> {
  return new Promise((resolvePromise) => {
    const hash = createHash('sha256');
    createReadStream(path, { highWaterMark: 1 << 20 })
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolvePromise(hash.digest('hex')))
      // The hash is informational; a read error shows up in the main read with a proper message.
      .on('error', () => resolvePromise(null));
  });
}

/** Ends a run that threw: cancelled or failed with a plain reason; its staged projects are dropped. */
export function recordFailure(app: AppDatabase, runId: number, e: unknown): void {
  try {
    app.runs.clearStaged(runId);
    if (e instanceof CancelledError) {
      app.runs.finish(runId, 'cancelled', { problem: { code: 'build-cancelled', message: 'Cancelled by the user. Nothing was written.' } });
    } else {
      // The history keeps the full English text; the UI gets the code (internal-error for bugs).
      const { code, params } = toIpcError(e);
      const message = (e as Error).message ?? String(e);
      app.runs.finish(runId, 'failed', { problem: { code: isMessageCode(code) ? code : 'internal-error', message, ...(params ? { params } : {}) } });
    }
  } catch {
    // Recording must never hide the original error.
  }
}
