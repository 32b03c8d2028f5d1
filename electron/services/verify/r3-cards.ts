/**
 * Reading a card back from MiniCRM's R3 API: the project by its Reference Id (the feed's Project
 * Id), the project itself, and its company (`Contact/{ContactId}`) when the run sent company
 * values. Every request goes through the one R3 limiter (minicrm-api.ts r3Request).
 */
import { apiStatusError, r3Request } from '../publish/minicrm-api';
import { PublishError } from '../publish/publish-error';
import type { R3SlotLog } from '../publish/rate-limit';
import type { ConnectionSettings } from '../publish/settings';
import type { R3Card } from './compare-card';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** GET a JSON object; null for 404 (MiniCRM's "no such card"). */
export type R3Get = (path: string, query?: Record<string, string>) => Promise<Json | null>;

export function r3Getter(log: R3SlotLog, settings: ConnectionSettings, apiKey: string, opts: { signal?: AbortSignal; now?: () => Date; timeoutMs?: number }): R3Get {
  return async (path, query) => {
    const a = await r3Request(log, settings, apiKey, { path, query, signal: opts.signal, now: opts.now, timeoutMs: opts.timeoutMs });
    if (a.status === 404) return null;
    const err = apiStatusError(a, opts.now?.());
    if (err) throw err;
    let v: unknown;
    try {
      v = JSON.parse(a.body);
    } catch {
      throw new PublishError('minicrm-unexpected-answer', `MiniCRM answered ${path} with something that is not JSON.`);
    }
    // PHP sends an empty object as [] (e.g. a search that found nothing).
    if (Array.isArray(v) && v.length === 0) return {};
    if (!isObject(v)) throw new PublishError('minicrm-unexpected-answer', `MiniCRM answered ${path} with something that is not a JSON object.`);
    return v;
  };
}

export type FoundCard = { kind: 'found'; card: R3Card } | { kind: 'missing' } | { kind: 'several'; ids: string[] };

const deleted = (p: unknown): boolean => isObject(p) && String(p.Deleted ?? '0') === '1';

/**
 * The card whose Reference Id is `referenceId`. The vendor manual has `Project?ReferenceId=` answer
 * the project itself; clients see it answer like a field search (`{Count, Results}`): both are read.
 */
export async function readCard(get: R3Get, referenceId: string, withCompany: boolean): Promise<FoundCard> {
  const answer = await get('/Api/R3/Project', { ReferenceId: referenceId });
  if (answer === null) return { kind: 'missing' };
  let project: Json | null;
  if ('Results' in answer || 'Count' in answer) {
    const results = answer.Results;
    const entries: Array<[string, unknown]> = isObject(results)
      ? Object.entries(results)
      : Array.isArray(results) ? results.map((r) => [String(isObject(r) ? r.Id : r), r]) : [];
    // A deleted card that once carried the Reference Id does not count beside a live one.
    const live = entries.length > 1 ? entries.filter(([, r]) => !deleted(r)) : entries;
    if (live.length === 0) return { kind: 'missing' };
    if (live.length > 1) return { kind: 'several', ids: live.map(([id]) => id) };
    project = await get(`/Api/R3/Project/${encodeURIComponent(live[0]![0])}`);
    if (project === null) return { kind: 'missing' };
  } else if ('Id' in answer) {
    project = answer;
  } else {
    return { kind: 'missing' };
  }
  const contactId = project.ContactId;
  let business: Json | null = null;
  if (withCompany && contactId !== undefined && contactId !== null && String(contactId) !== '' && String(contactId) !== '0') {
    business = (await get(`/Api/R3/Contact/${encodeURIComponent(String(contactId))}`)) ?? null;
  }
  return { kind: 'found', card: { minicrmId: String(project.Id ?? ''), project, business } };
}
