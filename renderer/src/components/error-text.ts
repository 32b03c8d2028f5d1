import type { TFunction } from 'i18next';

/** What the UI knows about a failure that crossed IPC (the preload keeps code/params when main sends them). */
export interface UiError {
  code: string | null;
  message: string;
  params: Record<string, string | number>;
}

/** Codes with a sentence of their own in the language files (engine and publishing errors). */
const KNOWN = new Set([
  'file-not-found', 'empty-file', 'not-a-spreadsheet', 'corrupt-workbook', 'password-protected', 'sheet-not-found',
  'no-header', 'no-data-rows', 'invalid-profile', 'missing-columns', 'row-count-mismatch', 'unusable-settings', 'cancelled',
  'connection-refused', 'host-not-found', 'auth-failed', 'host-key-changed', 'forbidden', 'too-large', 'server-error',
  'network', 'timeout', 'tls', 'rate-limited', 'already-triggered', 'feed-missing',
]);

/** Electron prefixes rejected invokes with "Error invoking remote method '…': Error: "; users need only the sentence. */
function cleanMessage(message: string): string {
  return message.replace(/^Error invoking remote method '[^']*': (\w*Error: )?/, '');
}

export function toUiError(err: unknown): UiError {
  if (typeof err === 'object' && err !== null) {
    const e = err as { code?: unknown; message?: unknown; params?: unknown };
    const message = cleanMessage(typeof e.message === 'string' ? e.message : String(err));
    const params = typeof e.params === 'object' && e.params !== null ? (e.params as Record<string, string | number>) : {};
    let code = typeof e.code === 'string' ? e.code : null;
    // The code may only survive inside the message ("[code] text") when the bridge flattens errors.
    const tagged = /^\[([a-z-]+)\]\s*(.*)$/s.exec(message);
    if (!code && tagged?.[1]) code = tagged[1];
    return { code, message: tagged?.[2] ?? message, params };
  }
  return { code: null, message: String(err), params: {} };
}

/** The engine's plain message, translated by its code when the UI knows that code. */
export function errorText(err: unknown, t: TFunction): string {
  const e = toUiError(err);
  return codeText(e.code, e.message, e.params, t, true);
}

/**
 * A code + message pair in the user's language when the code is known; otherwise the service's own
 * sentence (`generic` adds "Something went wrong:" in front, for errors; details go without it).
 */
export function codeText(code: string | null | undefined, message: string, params: Record<string, string | number> | undefined, t: TFunction, generic = false): string {
  if (code && KNOWN.has(code)) return t(`errors.${code}`, { sheet: '', missing: '', ...(params ?? {}), message });
  return generic ? t('errors.generic', { message }) : message;
}
