/**
 * Turns anything a handler throws into the plain `{ code, message, params }` the renderer may see.
 * The renderer must never receive a stack trace or a secret: only errors that were written for
 * users (UnusableInputError, CancelledError, errors carrying a code of message-codes.ts) keep their text,
 * and even that text has URL credentials and authorization values masked.
 */
import { CancelledError, UnusableInputError } from '../domain/errors';
import { isMessageCode, type MessageCode } from '../domain/message-codes';
import type { IpcError } from './contract';

export const GENERIC_ERROR: IpcError = {
  code: 'internal-error',
  message: 'Something went wrong inside the app. Please try again; if it keeps happening, restart the app.',
};

/** Masks `scheme://user:secret@`, `Authorization: …`, `apikey=…`-style values in a message. */
export function redact(text: string): string {
  return text
    .replace(/(\b[a-z][a-z0-9+.-]*:\/\/)([^/\s:@]+):([^/\s@]+)@/gi, '$1$2:****@')
    .replace(/\b(authorization|proxy-authorization)(\s*[:=]\s*)(basic|bearer)?\s*[^\s,;]+/gi, (_m, h: string, sep: string, scheme?: string) => `${h}${sep}${scheme ? `${scheme} ` : ''}****`)
    .replace(/\b(api[_-]?key|password|passphrase|token|secret)(\s*[:=]\s*)[^\s,;&)"']+/gi, '$1$2****');
}

function plainParams(value: unknown): Record<string, string | number> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'number' && Number.isFinite(v)) out[k] = v;
    else if (typeof v === 'string') out[k] = redact(v);
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * An error meant for users: a service error whose code is one the UI translates (message-codes.ts).
 * Any other code (Node's `ENOENT`, a library's) is an internal error: its text was not written for users.
 */
function isUserFacing(err: unknown): err is Error & { code: MessageCode; params?: unknown } {
  return err instanceof Error && isMessageCode((err as Error & { code?: unknown }).code);
}

export function toIpcError(err: unknown): IpcError {
  if (err instanceof CancelledError) return { code: 'cancelled', message: err.message };
  if (err instanceof UnusableInputError) {
    const params = plainParams(err.params);
    return { code: err.code, message: redact(err.message), ...(params ? { params } : {}) };
  }
  if (isUserFacing(err)) {
    const params = plainParams(err.params);
    return { code: err.code, message: redact(err.message), ...(params ? { params } : {}) };
  }
  return GENERIC_ERROR;
}

/** The payload did not match the channel's schema: say which fields, never echo values. */
export function invalidRequest(channel: string, issues: ReadonlyArray<{ path: PropertyKey[] }>): IpcError {
  const fields = [...new Set(issues.map((i) => i.path.map(String).join('.') || '(payload)'))].slice(0, 5).join(', ');
  return { code: 'invalid-request', message: `The app sent an invalid request to ${channel} (${fields}).`, params: { channel, fields } };
}
