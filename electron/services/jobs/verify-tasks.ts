/**
 * The worker's tasks for after a sync: checking a delivered run in MiniCRM (its waits can last an
 * hour, so it runs on its own thread and is cancelled like any job) and preparing a restore.
 */
import type { JobContext } from '../../../shared/domain/job';
import type { RestoreSummary, VerificationDetail } from '../../../shared/domain/verification';
import type { SecretName } from '../../../shared/ipc/types';
import { MemorySecretStore } from '../publish/secret-store';
import { prepareRestore } from '../verify/undo-run';
import { verifyRun } from '../verify/verify-run';
import type { JobEnv } from './job-protocol';
import { withDb } from './job-tasks';
import type { TaskMap } from './worker-host';

export interface VerifyPayload {
  /** The check's row, made by main (startVerification) so History shows it at once. */
  verificationId: number;
  sampleSize?: number;
  picks?: string[];
  waitsMs: number[];
  secrets: Partial<Record<SecretName, string>>;
}

export interface UndoPayload {
  runId: number;
  outDir: string;
}

async function verify(payload: unknown, ctx: JobContext, env: JobEnv): Promise<VerificationDetail> {
  const p = payload as VerifyPayload;
  return withDb(env, (db) => verifyRun(db, p.verificationId, { sampleSize: p.sampleSize, picks: p.picks, waitsMs: p.waitsMs }, { secrets: new MemorySecretStore(p.secrets) }, ctx));
}

async function undo(payload: unknown, ctx: JobContext, env: JobEnv): Promise<RestoreSummary> {
  const p = payload as UndoPayload;
  return withDb(env, async (db) => (await prepareRestore(db, p.runId, { outDir: p.outDir }, ctx)).summary);
}

export const verifyTasks: TaskMap = { verify, undo };
