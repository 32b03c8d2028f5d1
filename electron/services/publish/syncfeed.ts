import type { IncomingMessage } from 'node:http';
import type { MessageParams } from '../../../shared/domain/message-codes';
import { apiRequest, clock, retryAfter } from './minicrm-api';
import { PublishError } from './publish-error';
import { redact, truncate, withCredentials } from './redact';
import type { SecretStore } from './secret-store';
import type { ConnectionSettings } from './settings';

export interface SyncFeedAnswer {
  ok: boolean;
  status: number;
  /** MiniCRM's answer, truncated for the history. */
  body: string;
  /** Plain English message: success summary or MiniCRM's own error text. */
  message: string;
  /** The message's code + params for the UI (MiniCRM's own text is `body`, shown verbatim beside it). */
  code: 'sync-accepted' | 'sync-refused' | 'sync-auth-refused' | 'minicrm-rate-limited';
  params: MessageParams;
  retryAt: Date | null;
}

export const SYNC_BODY_MAX = 2000;

/**
 * `GET {base}/Api/SyncFeed/{SystemId}?Source={feed URL}`. The Source carries the download
 * credentials of a protected folder (MiniCRM needs them); that URL only lives in this request.
 * HTTP answers resolve; a network failure or timeout rejects with a PublishError.
 */
export async function triggerSyncFeed(
  settings: ConnectionSettings,
  secrets: SecretStore,
  feedUrl: string,
  opts: { timeoutMs?: number; signal?: AbortSignal; now?: () => Date } = {},
): Promise<SyncFeedAnswer> {
  const apiKey = (await secrets.get('minicrm.apiKey')) ?? '';
  const downloadPassword = settings.downloadUser ? await secrets.get('download.password') : null;
  const source = withCredentials(feedUrl, settings.downloadUser, downloadPassword);
  let a: { status: number; body: string; headers: IncomingMessage['headers'] };
  try {
    a = await apiRequest(settings, apiKey, {
      path: `/Api/SyncFeed/${encodeURIComponent(settings.systemId)}`,
      query: { Source: source },
      timeoutMs: opts.timeoutMs ?? 600_000,
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof PublishError && (e.code === 'timeout' || e.code === 'network')) {
      throw new PublishError(e.code === 'timeout' ? 'sync-timeout' : 'sync-dropped',
        `${e.code === 'timeout' ? 'MiniCRM did not answer the sync request in time' : 'The connection to MiniCRM was dropped during the sync request'}. ` +
        'MiniCRM may still process the feed: check it in MiniCRM before sending again. Nothing was marked as delivered.');
    }
    throw e;
  }
  return syncAnswer(a, [apiKey, downloadPassword], opts.now?.() ?? new Date());
}

/**
 * MiniCRM's answer to a sync request (SyncFeed, or the direct upload which is answered the same
 * way) as an outcome: 200 accepted, 401/403 refused credentials, 429 the limit, else its own words.
 */
export function syncAnswer(
  a: { status: number; body: string; headers: IncomingMessage['headers'] },
  secretsToHide: ReadonlyArray<string | null>,
  now: Date,
): SyncFeedAnswer {
  const body = truncate(redact(a.body, secretsToHide), SYNC_BODY_MAX);
  const own = redact(a.body.trim(), secretsToHide).slice(0, 300);
  if (a.status === 200) return { ok: true, status: 200, body, message: 'MiniCRM accepted the feed.', code: 'sync-accepted', params: {}, retryAt: null };
  if (a.status === 401 || a.status === 403) {
    return { ok: false, status: a.status, body, retryAt: null, code: 'sync-auth-refused', params: { status: a.status },
      message: `MiniCRM refused the System Id or API key (HTTP ${a.status}). Nothing was synced.` };
  }
  if (a.status === 429) {
    const at = retryAfter(a.headers, now);
    return { ok: false, status: 429, body, retryAt: at, code: 'minicrm-rate-limited', params: { time: clock(at), retryAt: at.toISOString() },
      message: `MiniCRM's limit of syncs is reached (HTTP 429). Nothing was synced; try again after ${clock(at)}.` };
  }
  // MiniCRM's own words are `body`: the UI shows them verbatim under a translated "MiniCRM answered:".
  return { ok: false, status: a.status, body, retryAt: null, code: 'sync-refused', params: { status: a.status },
    message: `MiniCRM did not accept the feed (HTTP ${a.status})${own ? `: ${own}` : ''}` };
}
