import type { TFunction } from 'i18next';
import { isMessageCode, SETTING_NAMES, type CodedMessage, type MessageParams } from '../../../shared/domain/message-codes';

/** What the UI knows about a failure that crossed IPC (the preload keeps code/params when main sends them). */
export interface UiError {
  code: string | null;
  message: string;
  params: Record<string, string | number>;
}

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

/** Params that are themselves words to translate: a setting's name, a run's status, a lock's holder. */
function localParams(params: MessageParams, t: TFunction): MessageParams {
  const out: MessageParams = { ...params };
  const { setting, runStatus, holder } = params;
  if (typeof setting === 'string' && (SETTING_NAMES as readonly string[]).includes(setting)) out.setting = t(`settingNames.${setting}`);
  if (typeof runStatus === 'string') out.runStatus = String(t(`history.statuses.${runStatus}`, { defaultValue: runStatus }));
  if (holder === 'app' || holder === 'cli' || holder === 'schedule') out.holder = t(`syncHolders.${holder}`);
  return out;
}

/**
 * A code + message pair in the user's language when the code is known (every code main sends is:
 * message-codes.ts); otherwise the service's own sentence (`generic` adds "Something went wrong:"
 * in front, for errors; details go without it). Old history rows have only the sentence.
 */
export function codeText(code: string | null | undefined, message: string, params: MessageParams | null | undefined, t: TFunction, generic = false): string {
  if (isMessageCode(code)) {
    const key = `errors.${code}`;
    // A placeholder without a value would show as "{{x}}": it shows as nothing instead.
    const blanks = Object.fromEntries([...String(t(key)).matchAll(/\{\{(\w+)\}\}/g)].map((m) => [m[1], '']));
    return String(t(key, { ...blanks, ...localParams(params ?? {}, t), message }));
  }
  return generic ? t('errors.generic', { message }) : message;
}

/** A coded message (a job's problem, a connection test's result) in the user's language. */
export function messageText(m: CodedMessage, t: TFunction): string {
  return codeText(m.code, m.message, m.params, t);
}
