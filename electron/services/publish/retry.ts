import { CancelledError } from '../../../shared/domain/errors';
import { PublishError } from './publish-error';

export interface RetryOptions {
  /** Total tries (first + retries). */
  attempts?: number;
  /** First backoff; doubles each retry, capped at maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * Retries `fn` only on transient failures (dropped connection, timeout, 502/503/504). Auth errors,
 * 4xx answers and host-key problems fail at once: repeating them cannot help and may lock an account.
 */
export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  opts: RetryOptions,
  signal: AbortSignal,
  onRetry?: (error: PublishError, attempt: number, delayMs: number) => void,
): Promise<T> {
  const attempts = Math.max(1, opts.attempts ?? 3);
  let delay = opts.baseDelayMs ?? 1000;
  for (let attempt = 1; ; attempt++) {
    if (signal.aborted) throw new CancelledError();
    try {
      return await fn(attempt);
    } catch (e) {
      if (!(e instanceof PublishError) || !e.transient || attempt >= attempts || signal.aborted) throw e;
      onRetry?.(e, attempt, delay);
      await sleep(delay, signal);
      delay = Math.min(delay * 2, opts.maxDelayMs ?? 15_000);
    }
  }
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new CancelledError());
    const t = setTimeout(() => { signal.removeEventListener('abort', onAbort); resolve(); }, ms);
    const onAbort = () => { clearTimeout(t); reject(new CancelledError()); };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
