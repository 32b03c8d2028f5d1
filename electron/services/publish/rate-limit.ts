import { PublishError } from './publish-error';
import { clock } from './clock';
import { sleep } from './retry';

/** The app's ApiCallRepository. */
export interface ApiCallLog {
  record(kind: 'syncfeed' | 'r3', at?: Date): void;
  countSince(kind: 'syncfeed' | 'r3', since: Date): number;
  oldestSince(kind: 'syncfeed' | 'r3', since: Date): Date | null;
}

/** The one R3 limiter's log: every R3 request (preflight, schema, checks in MiniCRM) claims a slot in it. */
export interface R3SlotLog extends ApiCallLog {
  /** Count and record in one step (ApiCallRepository.tryClaim). */
  tryClaim(kind: 'r3', limit: number, since: Date, at: Date): boolean;
}

export const SYNCFEED_PER_HOUR = 180;
export const SYNCFEED_WARN_AT = 150;
export const R3_PER_MINUTE = 60;

/**
 * MiniCRM allows 180 SyncFeed requests an hour. Counted from our own history of calls: refuse at
 * the limit (saying when a slot frees up), warn when close. Returns the warning, if any.
 */
export function checkSyncFeedBudget(log: ApiCallLog, now: Date = new Date()): string | null {
  const since = new Date(now.getTime() - 3_600_000);
  const used = log.countSince('syncfeed', since);
  if (used >= SYNCFEED_PER_HOUR) {
    const oldest = log.oldestSince('syncfeed', since) ?? now;
    const at = new Date(oldest.getTime() + 3_600_000);
    throw new PublishError('rate-limited',
      `MiniCRM allows ${SYNCFEED_PER_HOUR} syncs an hour and ${used} were sent in the last hour. Try again after ${clock(at)}.`,
      false, { retryAt: at.toISOString(), time: clock(at), used, limit: SYNCFEED_PER_HOUR });
  }
  if (used >= SYNCFEED_WARN_AT) {
    return `${used} of MiniCRM's ${SYNCFEED_PER_HOUR} syncs an hour are used; ${SYNCFEED_PER_HOUR - used} left.`;
  }
  return null;
}

/**
 * R3 REST: 60 requests a minute. Waits (cancellable) until a slot is free rather than failing —
 * these calls are small reads the user is waiting for.
 */
export async function awaitR3Slot(log: R3SlotLog, signal?: AbortSignal, now: () => Date = () => new Date()): Promise<void> {
  for (;;) {
    const t = now();
    const since = new Date(t.getTime() - 60_000);
    if (log.tryClaim('r3', R3_PER_MINUTE, since, t)) return;
    const oldest = log.oldestSince('r3', since) ?? t;
    const wait = Math.max(50, oldest.getTime() + 60_000 - t.getTime());
    await sleep(wait, signal ?? new AbortController().signal);
  }
}
