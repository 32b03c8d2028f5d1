import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { CancelledError } from '../../../shared/domain/errors';
import { clock } from './clock';
import { caList } from './https-upload';
import { fromNetworkError, PublishError } from './publish-error';
import { awaitR3Slot, type R3SlotLog } from './rate-limit';
import { sleep } from './retry';
import type { ConnectionSettings } from './settings';

export interface ApiAnswer {
  status: number;
  body: string;
  headers: IncomingMessage['headers'];
}

export interface ApiCallOptions {
  method?: 'GET' | 'POST';
  /** Path under the base, e.g. `/Api/R3/Category`. */
  path: string;
  query?: Record<string, string>;
  /** application/x-www-form-urlencoded body. */
  form?: Record<string, string>;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * One request to MiniCRM with HTTP Basic SystemId:API key. Answers of any HTTP status resolve
 * (callers turn them into messages); only network failures and timeouts reject.
 */
export function apiRequest(settings: ConnectionSettings, apiKey: string, o: ApiCallOptions): Promise<ApiAnswer> {
  const base = settings.apiBaseUrl.replace(/\/+$/, '');
  const u = new URL(base + o.path);
  for (const [k, v] of Object.entries(o.query ?? {})) u.searchParams.set(k, v);
  const body = o.form ? new URLSearchParams(o.form).toString() : null;
  const headers: Record<string, string> = {
    authorization: `Basic ${Buffer.from(`${settings.systemId}:${apiKey}`).toString('base64')}`,
    accept: 'application/json, text/plain, */*',
  };
  if (body !== null) {
    headers['content-type'] = 'application/x-www-form-urlencoded; charset=UTF-8';
    headers['content-length'] = String(Buffer.byteLength(body));
  }
  const where = `MiniCRM (${u.host})`;
  const doRequest = u.protocol === 'http:' ? httpRequest : httpsRequest;
  const ca = u.protocol === 'https:' ? caList(settings.apiCaFile) : undefined;
  return new Promise((resolve, reject) => {
    if (o.signal?.aborted) return reject(new CancelledError());
    let settled = false;
    const finish = (fn: () => void) => { if (!settled) { settled = true; o.signal?.removeEventListener('abort', onAbort); fn(); } };
    const req = doRequest({
      method: o.method ?? 'GET', host: u.hostname, port: u.port || undefined, path: u.pathname + u.search,
      headers, timeout: o.timeoutMs ?? 60_000, ...(ca ? { ca } : {}),
    }, (res) => {
      const chunks: Buffer[] = [];
      let len = 0;
      // Schema and category answers are small; cap what we hold in case of a runaway answer.
      res.on('data', (c: Buffer) => { if (len < 8 * 1048576) { chunks.push(c); len += c.length; } });
      res.on('end', () => finish(() => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers })));
      res.on('error', (e) => finish(() => reject(fromNetworkError(e, where))));
    });
    const onAbort = () => { req.destroy(); finish(() => reject(new CancelledError())); };
    o.signal?.addEventListener('abort', onAbort, { once: true });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
    req.on('error', (e) => finish(() => reject(fromNetworkError(e, where))));
    req.end(body ?? undefined);
  });
}

/** When to try again after a 429: Retry-After (seconds or HTTP date), else one hour. */
export function retryAfter(headers: IncomingMessage['headers'], now: Date, fallbackMs = 3_600_000): Date {
  const h = headers['retry-after'];
  const v = Array.isArray(h) ? h[0] : h;
  if (v) {
    if (/^\d+$/.test(v.trim())) return new Date(now.getTime() + Number(v.trim()) * 1000);
    const d = Date.parse(v);
    if (!Number.isNaN(d)) return new Date(d);
  }
  return new Date(now.getTime() + fallbackMs);
}

export { clock };

/** A plain message for a non-2xx answer of the R3 API. */
export function apiStatusError(a: ApiAnswer, now: Date = new Date()): PublishError | null {
  if (a.status >= 200 && a.status < 300) return null;
  const text = a.body.trim().slice(0, 300);
  if (a.status === 401 || a.status === 403) {
    return new PublishError('auth-failed', `MiniCRM refused the System Id or API key (HTTP ${a.status}).`, false, { status: a.status });
  }
  if (a.status === 429) {
    const at = retryAfter(a.headers, now);
    return new PublishError('minicrm-rate-limited', `MiniCRM's request limit is reached (HTTP 429). Try again after ${clock(at)}.`, false, { retryAt: at.toISOString(), time: clock(at) });
  }
  if (a.status === 502 || a.status === 503 || a.status === 504) {
    return new PublishError('server-error', `MiniCRM is temporarily unavailable (HTTP ${a.status}).`, true, { status: a.status });
  }
  // MiniCRM's own words go along verbatim (`detail`); the UI quotes them inside a translated sentence.
  return new PublishError(a.status >= 500 ? 'server-error' : 'remote-error', `MiniCRM answered HTTP ${a.status}${text ? `: ${text}` : ''}`, false, { status: a.status, detail: text });
}

export interface R3RequestOptions extends Omit<ApiCallOptions, 'method' | 'form'> {
  now?: () => Date;
  /** How often a 429 (waiting for its Retry-After) or a dropped connection / 502-504 is tried again. */
  retries?: number;
  /** A 429 without Retry-After waits this long (MiniCRM counts per minute). */
  rateLimitWaitMs?: number;
}

/**
 * The R3 client every R3 read goes through (preflight, schema, checks in MiniCRM): each request
 * first takes a slot of the one shared limiter (rate-limit.ts, 60 a minute across the app, its
 * workers and the CLI); a 429 waits for MiniCRM's Retry-After and a transient failure backs off,
 * a few times, cancellably. Answers of any other status resolve (apiStatusError explains them).
 */
export async function r3Request(log: R3SlotLog, settings: ConnectionSettings, apiKey: string, o: R3RequestOptions): Promise<ApiAnswer> {
  const now = o.now ?? (() => new Date());
  const signal = o.signal ?? new AbortController().signal;
  const retries = o.retries ?? 3;
  for (let attempt = 0; ; attempt++) {
    await awaitR3Slot(log, signal, now);
    let answer: ApiAnswer;
    try {
      answer = await apiRequest(settings, apiKey, { path: o.path, query: o.query, timeoutMs: o.timeoutMs ?? 30_000, signal });
    } catch (e) {
      if (!(e instanceof PublishError) || !e.transient || attempt >= retries) throw e;
      await sleep(Math.min(1000 * 2 ** attempt, 15_000), signal);
      continue;
    }
    if (attempt < retries && answer.status === 429) {
      const wait = retryAfter(answer.headers, now(), o.rateLimitWaitMs ?? 60_000).getTime() - now().getTime();
      await sleep(Math.max(250, Math.min(wait, 3_600_000)), signal);
      continue;
    }
    if (attempt < retries && (answer.status === 502 || answer.status === 503 || answer.status === 504)) {
      await sleep(Math.min(1000 * 2 ** attempt, 15_000), signal);
      continue;
    }
    return answer;
  }
}
