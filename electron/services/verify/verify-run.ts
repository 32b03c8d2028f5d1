/**
 * "Check in MiniCRM": reads cards a delivered run sent back through R3 and compares them with what
 * it sent. SyncFeed's 200 only says MiniCRM accepted the request; it imports later, so cards not
 * there yet (or still holding their previous values) are tried again on a schedule of waits,
 * until all are found, the schedule ends, or the user cancels. Every card's result is stored as it
 * comes (SQLite), so History shows the progress and a cancelled check keeps what it learnt.
 */
import { CancelledError } from '../../../shared/domain/errors';
import type { JobContext } from '../../../shared/domain/job';
import { isMessageCode, type CodedMessage } from '../../../shared/domain/message-codes';
import type { ProjectSchema } from '../../../shared/domain/schema';
import type { CardCheck, VerificationDetail } from '../../../shared/domain/verification';
import { toIpcError } from '../../../shared/ipc/ipc-error';
import type { AppDatabase } from '../db';
import { getProjectSchema } from '../publish/minicrm-schema';
import { PublishError } from '../publish/publish-error';
import { redact } from '../publish/redact';
import { sleep } from '../publish/retry';
import { allSecretValues, type SecretStore } from '../publish/secret-store';
import { loadSettings, requireSettings, type ConnectionSettings } from '../publish/settings';
import { compareCard, type Flat } from './compare-card';
import { flatStored } from './flat-project';
import { readCard, r3Getter } from './r3-cards';
import { deliveredHistory, pickCards, type SentProject } from './run-history';
import { VerifyError } from './verify-error';

/** Runs that sent at most this many cards are checked in full. */
export const SMALL_RUN = 50;
export const DEFAULT_SAMPLE = 30;
/** Waits before each pass of an on-demand check: at once, then while MiniCRM may still be importing. */
export const CHECK_WAITS_MS: readonly number[] = [0, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000];
/** Right after a delivery MiniCRM has only just been asked to fetch the feed: the first look waits a little. */
export const AFTER_SYNC_WAITS_MS: readonly number[] = [30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000];

export interface VerifyOptions {
  /** Random cards when the run sent more than SMALL_RUN (default 30). */
  sampleSize?: number;
  /** Project Ids the user wants checked as well. */
  picks?: readonly string[];
  waitsMs?: readonly number[];
}

export interface VerifyDeps {
  secrets: SecretStore;
  settings?: ConnectionSettings;
  now?: () => Date;
  random?: () => number;
  timeoutMs?: number;
}

/** Starts a check of a delivered run (the row History shows at once); the work is `verifyRun`. */
export function startVerification(db: AppDatabase, runId: number): number {
  const { history } = deliveredHistory(db, runId);
  const id = db.verifications.create(runId);
  db.verifications.update(id, { sent: history.sent });
  return id;
}

interface Card extends SentProject {
  picked: boolean;
  seq: number;
  sent: Flat;
  beforeFlat: Flat | null;
  result: CardCheck;
  /** The last read showed part of the run's changes. */
  halfway?: boolean;
}

function regionOf(profileJson: string | null | undefined): string {
  try {
    const r = profileJson ? (JSON.parse(profileJson) as { phoneRegion?: unknown }).phoneRegion : undefined;
    return typeof r === 'string' && /^[A-Z]{2}$/.test(r) ? r : 'HU';
  } catch {
    return 'HU';
  }
}

function problemOf(e: unknown, secrets: readonly (string | null)[]): CodedMessage {
  if (e instanceof CancelledError) return { code: 'verify-cancelled', message: 'The check was stopped; the cards checked so far are kept.' };
  const { code, params } = toIpcError(e);
  const message = redact(e instanceof Error ? e.message : String(e), secrets);
  return { code: isMessageCode(code) ? code : 'internal-error', message, ...(params ? { params } : {}) };
}

/**
 * Runs check `verificationId` (made by startVerification) to its end. Resolves with the stored
 * result; a cancel or a failure is stored too (cards checked so far kept) and then thrown.
 */
export async function verifyRun(
  db: AppDatabase, verificationId: number, opts: VerifyOptions, deps: VerifyDeps, ctx: JobContext,
): Promise<VerificationDetail> {
  const summary = db.verifications.summary(verificationId);
  if (!summary) throw new Error(`Check ${verificationId} does not exist.`);
  const runId = summary.runId;
  const now = () => deps.now?.() ?? new Date();
  const waits = opts.waitsMs && opts.waitsMs.length > 0 ? opts.waitsMs : CHECK_WAITS_MS;
  const hide = await allSecretValues(deps.secrets);
  try {
    const { history } = deliveredHistory(db, runId);
    const settings = deps.settings ?? loadSettings(db.settings);
    await requireSettings(settings, deps.secrets, { api: true });
    const sampleSize = Math.max(1, Math.floor(opts.sampleSize ?? DEFAULT_SAMPLE));
    const picked = pickCards(db, runId, { sample: sampleSize, picks: opts.picks ?? [], small: SMALL_RUN, random: deps.random });
    if (picked.length === 0) throw new VerifyError('verify-no-cards', `Run ${runId} sent no cards, so there is nothing to check.`, { id: runId });
    const cards: Card[] = picked.map((p, seq) => ({
      ...p, seq, sent: flatStored(p.packed),
      beforeFlat: p.state === 'created' ? {} : p.state === 'unchanged' ? flatStored(p.packed) : p.state === 'changed' && p.before !== null ? flatStored(p.before) : null,
      result: { projectId: p.id, picked: p.picked, status: 'pending', note: null, minicrmId: null, matched: 0, fields: [], checkedAt: null },
    }));
    db.verifications.setCards(verificationId, cards.map((c) => ({ projectId: c.id, picked: c.picked })));
    db.verifications.update(verificationId, { sent: history.sent, sampleSize: history.sent <= SMALL_RUN ? 0 : sampleSize, attempts: waits.length });
    // Calls older than two hours count towards no limit any more.
    db.apiCalls.prune(new Date(now().getTime() - 7_200_000));

    const get = r3Getter(db.apiCalls, settings, (await deps.secrets.get('minicrm.apiKey')) ?? '', { signal: ctx.signal, now: deps.now, timeoutMs: deps.timeoutMs });
    const region = regionOf(db.runs.get(runId)?.profileJson);
    const schemas = new Map<string, ProjectSchema | null>();
    const schemaOf = async (categoryId: string | undefined): Promise<ProjectSchema | null> => {
      if (!categoryId || !/^\d+$/.test(categoryId)) return null;
      if (!schemas.has(categoryId)) {
        try {
          // Fresh: a stale list of options would turn a right card into "not comparable".
          schemas.set(categoryId, await getProjectSchema(db, settings, deps.secrets, categoryId, { refresh: true, signal: ctx.signal, now: deps.now }));
        } catch (e) {
          if (e instanceof PublishError && (e.code === 'auth-failed' || e.code === 'network' || e.code === 'timeout')) throw e;
          if (!(e instanceof PublishError)) throw e;
          schemas.set(categoryId, null);
        }
      }
      return schemas.get(categoryId) ?? null;
    };

    for (let pass = 0; pass < waits.length; pass++) {
      const pending = cards.filter((c) => c.result.status === 'pending');
      if (pending.length === 0) break;
      const wait = waits[pass]!;
      if (wait > 0) {
        db.verifications.update(verificationId, { nextTryAt: new Date(now().getTime() + wait).toISOString() });
        ctx.progress('waiting', 0, Math.round(wait / 1000), 'seconds');
        await sleep(wait, ctx.signal);
      }
      db.verifications.update(verificationId, { attempt: pass + 1, nextTryAt: null });
      let done = cards.length - pending.length;
      ctx.progress('verifying', done, cards.length, 'projects');
      for (const c of pending) {
        const found = await readCard(get, c.id, Object.keys(c.sent).some((f) => f.startsWith('Business.')));
        const checkedAt = now().toISOString();
        if (found.kind === 'missing') {
          c.result = { ...c.result, checkedAt };
        } else if (found.kind === 'several') {
          c.result = { ...c.result, status: 'not-comparable', note: 'several-cards', minicrmId: found.ids.join(', '), checkedAt };
        } else {
          const currentPacked = db.delivered.getValues([c.id]).get(c.id);
          const { halfway, ...outcome } = compareCard({
            sent: c.sent, before: c.beforeFlat, current: currentPacked === undefined ? null : flatStored(currentPacked),
            card: found.card, schema: await schemaOf(c.sent.CategoryId ?? String(found.card.project.CategoryId ?? '')), region,
          });
          // The card and its company are two reads, and MiniCRM may import between them: a part-new
          // card is a verdict only when the next try sees it again, or when no try is left.
          const again = halfway && !c.halfway && pass < waits.length - 1;
          c.halfway = halfway;
          c.result = { ...c.result, ...outcome, ...(again ? { status: 'pending', note: 'old-values' } : {}), minicrmId: found.card.minicrmId, checkedAt };
        }
        db.verifications.saveCard(verificationId, c.seq, c.result);
        if (c.result.status !== 'pending') ctx.progress('verifying', ++done, cards.length, 'projects');
      }
    }
    for (const c of cards) {
      if (c.result.status === 'pending') db.verifications.saveCard(verificationId, c.seq, { ...c.result, status: 'missing' });
    }
    db.verifications.update(verificationId, { state: 'done', finishedAt: now().toISOString(), nextTryAt: null });
    return db.verifications.get(verificationId)!;
  } catch (e) {
    db.verifications.update(verificationId, {
      state: e instanceof CancelledError ? 'cancelled' : 'failed', finishedAt: now().toISOString(), nextTryAt: null, problem: problemOf(e, hide),
    });
    throw e;
  }
}
