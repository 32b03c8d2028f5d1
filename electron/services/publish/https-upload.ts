import { createReadStream, readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { request, type RequestOptions } from 'node:https';
import { rootCertificates } from 'node:tls';
import { Transform } from 'node:stream';
import { CancelledError } from '../../../shared/domain/errors';
import type { JobContext } from '../../../shared/domain/job';
import { fromNetworkError, PublishError } from './publish-error';
import { joinUrl, type HttpsTarget } from './settings';
import { truncate } from './redact';

export interface HttpsCredentials {
  password: string | null;
  token: string | null;
}

export interface TransferResult {
  /** Masked address of the final file (no credentials). */
  target: string;
  size: number;
}

/**
 * CAs for a request: the system's roots plus the user's own CA file. Passing `ca` replaces Node's
 * defaults, so the roots are added back; verification itself is never switched off.
 */
export function caList(caFile: string | null | undefined): string[] | undefined {
  if (!caFile) return undefined;
  let pem: string;
  try {
    pem = readFileSync(caFile, 'utf8');
  } catch {
    throw new PublishError('ca-file-unreadable', `The CA certificate file cannot be read: ${caFile}`, false, { path: caFile });
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new PublishError('ca-file-not-pem', `The CA file is not a PEM certificate: ${caFile}`, false, { path: caFile });
  return [...rootCertificates, pem];
}

function authHeader(t: HttpsTarget, c: HttpsCredentials): Record<string, string> {
  if (t.auth === 'basic' && t.user) {
    return { authorization: `Basic ${Buffer.from(`${t.user}:${c.password ?? ''}`).toString('base64')}` };
  }
  if (t.auth === 'bearer' && c.token) return { authorization: `Bearer ${c.token}` };
  return {};
}

/** The plain message for an HTTP status of the upload server (null: success). */
export function uploadStatusError(status: number, body: string, size?: number): PublishError | null {
  if (status === 200 || status === 201 || status === 204) return null;
  if (status === 401) return new PublishError('auth-failed', 'The upload server refused the user name, password or token (HTTP 401).', false, { status });
  if (status === 403) return new PublishError('forbidden', 'The upload server does not allow writing into this folder (HTTP 403).', false, { status });
  if (status === 413) {
    const mb = size !== undefined ? ` (${(size / 1048576).toFixed(1)} MB)` : '';
    return new PublishError('too-large', `The upload server refused the file as too large${mb} (HTTP 413). Its upload limit must be raised (nginx: client_max_body_size).`, false, { status });
  }
  if (status === 502 || status === 503 || status === 504) {
    return new PublishError('server-error', `The upload server is temporarily unavailable (HTTP ${status}).`, true, { status });
  }
  if (status === 405 || status === 501) {
    return new PublishError('webdav-not-allowed', `The upload server does not accept this request (HTTP ${status}); it must allow WebDAV PUT, MOVE and DELETE.`, false, { status });
  }
  // The server's own words go along verbatim (`detail`), quoted by the UI inside a translated sentence.
  const detail = truncate(body, 200);
  if (status >= 500) return new PublishError('server-error', `The upload server failed (HTTP ${status}): ${detail}`, false, { status, detail });
  return new PublishError('remote-error', `The upload server answered HTTP ${status}: ${detail}`, false, { status, detail });
}

interface SendOptions {
  method: string;
  url: string;
  headers: Record<string, string>;
  ca: string[] | undefined;
  signal: AbortSignal;
  timeoutMs: number;
  body?: NodeJS.ReadableStream;
  /** How the server is named in messages. */
  where?: string;
}

/** One request; resolves with status and (short) body. Network failures become PublishErrors. */
export function send(o: SendOptions): Promise<{ status: number; body: string; headers: IncomingMessage['headers'] }> {
  const u = new URL(o.url);
  const where = o.where ?? `The upload server ${u.host}`;
  return new Promise((resolve, reject) => {
    if (o.signal.aborted) return reject(new CancelledError());
    const opts: RequestOptions = {
      method: o.method, host: u.hostname, port: u.port || 443, path: u.pathname + u.search, headers: o.headers,
      timeout: o.timeoutMs, servername: /^[\d.]+$|:/.test(u.hostname) ? undefined : u.hostname,
    };
    if (o.ca) opts.ca = o.ca;
    let settled = false;
    let status: number | null = null;
    const chunks: Buffer[] = [];
    let len = 0;
    const done = (fn: () => void) => { if (!settled) { settled = true; o.signal.removeEventListener('abort', onAbort); fn(); } };
    let headers: IncomingMessage['headers'] = {};
    const answer = () => done(() => resolve({ status: status ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers }));
    const req = request(opts, (res) => {
      status = res.statusCode ?? 0;
      headers = res.headers;
      res.on('data', (c: Buffer) => { if (len < 65536) { chunks.push(c); len += c.length; } });
      res.on('end', answer);
      // A server that answers early (413) may close before the body is read: its answer counts.
      res.on('error', () => answer());
    });
    const onAbort = () => { req.destroy(); done(() => reject(new CancelledError())); };
    o.signal.addEventListener('abort', onAbort, { once: true });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
    req.on('error', (e) => (status !== null ? answer() : done(() => reject(fromNetworkError(e, where)))));
    if (!o.body) {
      req.end();
      return;
    }
    // Streamed: the feed (possibly gigabytes) is never held in memory.
    o.body.on('error', (e) => { req.destroy(); done(() => reject(new PublishError('feed-missing', `The feed file cannot be read: ${(e as Error).message}`, false, { path: (e as NodeJS.ErrnoException).path ?? '' }))); });
    o.body.pipe(req);
  });
}

/**
 * PUT the feed to `<folder>/<name>.part`, then WebDAV MOVE it to `<name>`: a dropped connection
 * can leave at most a `.part`, never a truncated file under the name MiniCRM will fetch. (nginx
 * would also only create the final file from a complete body, but other servers may write in place.)
 */
export async function uploadHttps(
  target: HttpsTarget,
  creds: HttpsCredentials,
  localPath: string,
  size: number,
  name: string,
  ctx: JobContext,
  timeoutMs = 60_000,
  leftovers: readonly string[] = [],
): Promise<TransferResult & { swept: string[] }> {
  const ca = caList(target.caFile);
  const finalUrl = joinUrl(target.folderUrl, name);
  const partUrl = joinUrl(target.folderUrl, `${name}.part`);
  const auth = authHeader(target, creds);
  // Earlier runs' `.part` files (WebDAV cannot be listed everywhere: only the recorded ones).
  const swept: string[] = [];
  for (const old of leftovers) {
    if (ctx.signal.aborted) throw new CancelledError();
    await deleteHttps(target, creds, old, ctx.signal).then(() => swept.push(old), () => undefined);
  }
  const file = createReadStream(localPath);
  let put;
  try {
    put = await send({
      method: 'PUT', url: partUrl, ca, signal: ctx.signal, timeoutMs,
      headers: { ...auth, 'content-type': 'application/xml', 'content-length': String(size) },
      body: file.pipe(progressCounter(size, ctx)),
    });
  } catch (e) {
    // A server that writes the body in place may keep what arrived: remove it (nginx keeps none).
    if (e instanceof CancelledError) await deleteHttps(target, creds, `${name}.part`, AbortSignal.timeout(5000)).catch(() => undefined);
    throw e;
  } finally {
    // A server that answered early (413, 401) leaves the file half read: close it now, not at GC.
    file.destroy();
  }
  const putErr = uploadStatusError(put.status, put.body, size);
  if (putErr) throw putErr;
  const move = await send({
    method: 'MOVE', url: partUrl, ca, signal: ctx.signal, timeoutMs,
    headers: { ...auth, destination: finalUrl, overwrite: 'T' },
  });
  const moveErr = uploadStatusError(move.status, move.body);
  if (moveErr) {
    await deleteHttps(target, creds, `${name}.part`, ctx.signal).catch(() => undefined);
    throw moveErr;
  }
  return { target: finalUrl, size, swept };
}

/** Passes bytes through and reports progress about every MiB (not per chunk: the UI would drown). */
export function progressCounter(size: number, ctx: JobContext): Transform {
  let sent = 0;
  let reported = 0;
  ctx.progress('uploading', 0, size, 'bytes');
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      sent += chunk.length;
      if (sent - reported >= 1048576 || sent === size) {
        reported = sent;
        ctx.progress('uploading', sent, size, 'bytes');
      }
      cb(null, chunk);
    },
  });
}

/** Best-effort DELETE (probe files, leftover .part). */
export async function deleteHttps(target: HttpsTarget, creds: HttpsCredentials, name: string, signal: AbortSignal): Promise<void> {
  const res = await send({
    method: 'DELETE', url: joinUrl(target.folderUrl, name), ca: caList(target.caFile), signal, timeoutMs: 30_000,
    headers: authHeader(target, creds),
  });
  if (res.status !== 404) {
    const err = uploadStatusError(res.status, res.body);
    if (err) throw err;
  }
}

/** Small in-memory PUT (the preflight's probe file). */
export async function putSmallHttps(target: HttpsTarget, creds: HttpsCredentials, name: string, content: string, signal: AbortSignal): Promise<string> {
  const { Readable } = await import('node:stream');
  const data = Buffer.from(content, 'utf8');
  const res = await send({
    method: 'PUT', url: joinUrl(target.folderUrl, name), ca: caList(target.caFile), signal, timeoutMs: 30_000,
    headers: { ...authHeader(target, creds), 'content-type': 'text/plain', 'content-length': String(data.length) },
    body: Readable.from([data]),
  });
  const err = uploadStatusError(res.status, res.body, data.length);
  if (err) throw err;
  return joinUrl(target.folderUrl, name);
}
