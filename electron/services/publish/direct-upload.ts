/**
 * The experimental third target: the feed itself is POSTed to MiniCRM
 * (`POST {base}/Api/SyncFeed/{SystemId}/Upload`, XML body, Basic SystemId:API key), so no SFTP or
 * WebDAV server and no public address are needed. The request IS the sync: publish-run.ts claims
 * it (syncedAt) before it leaves, exactly like a SyncFeed request, and records the answer the same
 * way (syncfeed.ts `syncAnswer`). The body is streamed from the file: a 1 GB feed is never in memory.
 */
import { createReadStream, statSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { CancelledError } from '../../../shared/domain/errors';
import type { JobContext } from '../../../shared/domain/job';
import { caList, progressCounter } from './https-upload';
import { fromNetworkError, PublishError } from './publish-error';
import type { SecretStore } from './secret-store';
import type { ConnectionSettings } from './settings';
import { syncAnswer, type SyncFeedAnswer } from './syncfeed';

/** Where the feed goes (no secret in it). */
export function directUploadUrl(settings: ConnectionSettings): string {
  return `${settings.apiBaseUrl.replace(/\/+$/, '')}/Api/SyncFeed/${encodeURIComponent(settings.systemId)}/Upload`;
}

/**
 * The feed must be the one the run built: its size is checked before a byte leaves (a changed
 * file must be built again, not sent). Throws PublishError `feed-missing` / `feed-changed`.
 */
export function checkFeedFile(feedPath: string, expectedSize: number | null): number {
  let size: number;
  try {
    size = statSync(feedPath).size;
  } catch {
    throw new PublishError('feed-missing', `The feed file is missing: ${feedPath}`, false, { path: feedPath });
  }
  if (expectedSize !== null && size !== expectedSize) {
    throw new PublishError('feed-changed', `The feed file ${feedPath} changed since it was built (size differs); build it again.`, false, { path: feedPath });
  }
  return size;
}

export interface DirectUploadOptions {
  /** How long to wait for MiniCRM's answer once the body is sent (it may import a large feed first). */
  timeoutMs?: number;
  now?: () => Date;
}

/**
 * Streams the feed to MiniCRM and resolves with its answer. A network failure or timeout rejects
 * with `sync-dropped` / `sync-timeout`: MiniCRM may have received the feed, so nothing may repeat it.
 */
export async function uploadToMinicrm(
  settings: ConnectionSettings,
  secrets: SecretStore,
  feedPath: string,
  expectedSize: number | null,
  ctx: JobContext,
  opts: DirectUploadOptions = {},
): Promise<SyncFeedAnswer> {
  const size = checkFeedFile(feedPath, expectedSize);
  const apiKey = (await secrets.get('minicrm.apiKey')) ?? '';
  const u = new URL(directUploadUrl(settings));
  const where = `MiniCRM (${u.host})`;
  const doRequest = u.protocol === 'http:' ? httpRequest : httpsRequest;
  const ca = u.protocol === 'https:' ? caList(settings.apiCaFile) : undefined;
  if (ctx.signal.aborted) throw new CancelledError();
  const answer = await new Promise<{ status: number; body: string; headers: IncomingMessage['headers'] }>((resolve, reject) => {
    let settled = false;
    const file = createReadStream(feedPath, { highWaterMark: 1 << 20 });
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      ctx.signal.removeEventListener('abort', onAbort);
      file.destroy();
      fn();
    };
    const req = doRequest({
      method: 'POST', host: u.hostname, port: u.port || undefined, path: u.pathname, timeout: opts.timeoutMs ?? 600_000,
      headers: {
        authorization: `Basic ${Buffer.from(`${settings.systemId}:${apiKey}`).toString('base64')}`,
        'content-type': 'application/xml; charset=UTF-8',
        'content-length': String(size),
        accept: 'application/json, text/plain, */*',
      },
      ...(ca ? { ca } : {}),
    }, (res) => {
      const chunks: Buffer[] = [];
      let len = 0;
      res.on('data', (c: Buffer) => {
        if (len < 1048576) {
          chunks.push(c);
          len += c.length;
        }
      });
      res.on('end', () => finish(() => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers })));
      res.on('error', (e) => finish(() => reject(dropped(e, where))));
    });
    const onAbort = () => {
      req.destroy();
      finish(() => reject(new CancelledError()));
    };
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
    req.on('error', (e) => finish(() => reject(dropped(e, where))));
    file.on('error', (e) => {
      req.destroy();
      finish(() => reject(new PublishError('feed-missing', `The feed file cannot be read: ${e.message}`, false, { path: feedPath })));
    });
    file.pipe(progressCounter(size, ctx)).pipe(req);
  });
  return syncAnswer(answer, [apiKey], opts.now?.() ?? new Date());
}

/** A request that failed after it may have reached MiniCRM is never "safe to retry". */
function dropped(e: unknown, where: string): PublishError {
  const p = fromNetworkError(e, where);
  if (p.code === 'timeout') {
    return new PublishError('sync-timeout', 'MiniCRM did not answer the upload in time. MiniCRM may still process the feed: check it in MiniCRM before sending again. Nothing was marked as delivered.');
  }
  if (p.code === 'network') {
    return new PublishError('sync-dropped', 'The connection to MiniCRM was dropped during the upload. MiniCRM may still process the feed: check it in MiniCRM before sending again. Nothing was marked as delivered.');
  }
  return p;
}
