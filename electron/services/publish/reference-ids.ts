import { basename } from 'node:path';
import { cellText, type CellValue } from '../../../shared/domain/cell';
import { UnusableInputError } from '../../../shared/domain/errors';
import type { JobContext } from '../../../shared/domain/job';
import type { AppDatabase } from '../db';
import { openSource } from '../reader';
import { apiRequest, apiStatusError } from './minicrm-api';
import { awaitR3Slot } from './rate-limit';
import { redact, truncate } from './redact';
import { allSecretValues, type SecretStore } from './secret-store';
import { requireSettings, type ConnectionSettings } from './settings';

export interface ReferencePair {
  /** MiniCRM's own project id (the key of the References object). */
  projectId: string;
  /** The external id (the feed's `Project Id`); a number when it is an integer. */
  referenceId: number | string;
  row: number;
}

export interface ReferenceProblem {
  row: number;
  message: string;
}

export interface ReferenceSheet {
  pairs: ReferencePair[];
  problems: ReferenceProblem[];
  /** Exact repeats that were dropped. */
  repeats: number;
}

const INT = /^\d+$/;

function value(c: CellValue | undefined): string {
  return c === undefined ? '' : cellText(c).trim();
}

/**
 * Reads a two-column sheet (MiniCRM project id, reference id) below its header. Rows with a
 * non-integer MiniCRM id, an empty reference id, or an id linked twice are problems (named by
 * the spreadsheet's row number); exact repeated rows are dropped silently.
 */
export async function readReferenceSheet(path: string, ctx: JobContext): Promise<ReferenceSheet> {
  const src = await openSource(path);
  if (src.info.headers.length < 2) {
    throw new UnusableInputError('not-a-spreadsheet', `${basename(path)} needs two columns: MiniCRM project id and reference id.`);
  }
  const pairs: ReferencePair[] = [];
  const problems: ReferenceProblem[] = [];
  const byProject = new Map<string, ReferencePair>();
  const byReference = new Map<string, ReferencePair>();
  let repeats = 0;
  for await (const batch of src.rows(ctx)) {
    for (const r of batch) {
      const pid = value(r.cells[0]);
      const ref = value(r.cells[1]);
      if (pid === '' && ref === '') continue;
      if (!INT.test(pid)) {
        problems.push({ row: r.row, message: `MiniCRM project id must be a whole number: "${pid}".` });
        continue;
      }
      if (ref === '') {
        problems.push({ row: r.row, message: `Reference id is empty for MiniCRM project ${pid}.` });
        continue;
      }
      const before = byProject.get(pid);
      if (before) {
        if (String(before.referenceId) === ref) repeats++;
        else problems.push({ row: r.row, message: `MiniCRM project ${pid} is linked twice: "${before.referenceId}" (row ${before.row}) and "${ref}".` });
        continue;
      }
      const other = byReference.get(ref);
      if (other) {
        problems.push({ row: r.row, message: `Reference id "${ref}" is given to two projects: ${other.projectId} (row ${other.row}) and ${pid}.` });
        continue;
      }
      const pair: ReferencePair = { projectId: pid, referenceId: INT.test(ref) && ref.length < 16 ? Number(ref) : ref, row: r.row };
      byProject.set(pid, pair);
      byReference.set(ref, pair);
      pairs.push(pair);
    }
  }
  return { pairs, problems, repeats };
}

export interface ReferenceReport {
  runId: number;
  ok: boolean;
  sent: number;
  batches: Array<{ batchNo: number; count: number; status: number | null; message: string }>;
  message: string;
}

/**
 * POST `/Api/SyncFeed/{SystemId}/SetReferenceId` with `References={"<id>": <ref>, …}` in batches,
 * each recorded in the history. Stops at the first refused batch (the rest would fail the same way).
 */
export async function setReferenceIds(
  db: AppDatabase, settings: ConnectionSettings, secrets: SecretStore, pairs: readonly ReferencePair[],
  opts: { batchSize?: number; sourcePath?: string; timeoutMs?: number },
  ctx: JobContext,
): Promise<ReferenceReport> {
  await requireSettings(settings, secrets, { api: true });
  const apiKey = (await secrets.get('minicrm.apiKey')) ?? '';
  const hide = await allSecretValues(secrets);
  const size = Math.max(1, opts.batchSize ?? 500);
  const total = Math.ceil(pairs.length / size);
  const runId = db.runs.create({
    kind: 'refs', status: 'validated', sourceName: opts.sourcePath ? basename(opts.sourcePath) : null, sourcePath: opts.sourcePath ?? null,
    counts: { rows: pairs.length, projects: pairs.length },
  });
  const batches: ReferenceReport['batches'] = [];
  let sent = 0;
  for (let b = 0; b < total; b++) {
    if (ctx.signal.aborted) {
      db.runs.finish(runId, 'cancelled', { error: `Cancelled after ${sent} of ${pairs.length} links.`, counts: { written: sent } });
      return { runId, ok: false, sent, batches, message: `Cancelled after ${sent} of ${pairs.length} links.` };
    }
    const chunk = pairs.slice(b * size, (b + 1) * size);
    const refs: Record<string, number | string> = {};
    for (const p of chunk) refs[p.projectId] = p.referenceId;
    ctx.progress('linking', b, total, 'batches');
    let status: number | null = null;
    let message: string;
    try {
      await awaitR3Slot(db.apiCalls, ctx.signal);
      const a = await apiRequest(settings, apiKey, {
        method: 'POST', path: `/Api/SyncFeed/${encodeURIComponent(settings.systemId)}/SetReferenceId`,
        form: { References: JSON.stringify(refs) }, timeoutMs: opts.timeoutMs ?? 60_000, signal: ctx.signal,
      });
      status = a.status;
      const err = apiStatusError(a);
      message = err ? err.message : `MiniCRM linked ${chunk.length} project(s).`;
      db.references.add(runId, b + 1, chunk.length, a.status, truncate(redact(a.body, hide)));
    } catch (e) {
      message = redact(e instanceof Error ? e.message : String(e), hide);
      db.references.add(runId, b + 1, chunk.length, null, message);
    }
    batches.push({ batchNo: b + 1, count: chunk.length, status, message });
    if (status !== 200) {
      const msg = `Batch ${b + 1} of ${total} failed: ${message} ${sent} of ${pairs.length} links were set before.`;
      db.runs.finish(runId, 'failed', { error: msg, counts: { written: sent } });
      return { runId, ok: false, sent, batches, message: msg };
    }
    sent += chunk.length;
  }
  ctx.progress('linking', total, total, 'batches');
  const msg = `${sent} reference id(s) linked in ${total} batch(es).`;
  db.runs.finish(runId, 'delivered', { counts: { written: sent } });
  return { runId, ok: true, sent, batches, message: msg };
}
