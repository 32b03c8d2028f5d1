import type { PublishCode } from '../../../shared/domain/message-codes';

/**
 * Failures of the publishing side, each with a plain message meant for office staff (never a
 * secret: messages pass through `redact` before they are stored or shown; `params` feed the
 * translated sentence and hold no secret either). `transient` marks the
 * ones worth retrying automatically (dropped connections, timeouts, 502/503/504) — never auth errors.
 * The codes are listed in shared/domain/message-codes.ts, so each has a sentence in both languages.
 */
export type PublishErrorCode = PublishCode | 'run-not-found' | 'run-no-feed';

export class PublishError extends Error {
  override readonly name = 'PublishError';
  constructor(
    readonly code: PublishErrorCode,
    message: string,
    readonly transient = false,
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
  }
}

const TRANSIENT_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ECONNABORTED', 'EAI_AGAIN']);

/** Turn a socket-level error (node:net/tls, ssh2) into a PublishError with a plain message. */
export function fromNetworkError(e: unknown, where: string): PublishError {
  if (e instanceof PublishError) return e;
  const err = e as NodeJS.ErrnoException & { level?: string };
  const code = err?.code ?? '';
  const msg = String(err?.message ?? e);
  if (code === 'ECONNREFUSED') {
    return new PublishError('connection-refused', `${where} refused the connection — is the address and port right, and is the server running?`);
  }
  if (code === 'ENOTFOUND' || code === 'EAI_NONAME') {
    return new PublishError('host-not-found', `${where}: the server name could not be found.`);
  }
  if (TRANSIENT_CODES.has(code) || /ECONNRESET|socket hang up|Connection lost|No response from server|ETIMEDOUT|Timed out/i.test(msg)) {
    const timeout = code === 'ETIMEDOUT' || /timed? ?out/i.test(msg);
    return new PublishError(timeout ? 'timeout' : 'network', timeout
      ? `${where} did not answer in time.`
      : `The connection to ${where} was dropped.`, true);
  }
  if (/CERT|certificate|SSL|TLS/i.test(code + msg)) {
    return new PublishError('tls', `${where}: the server's certificate is not trusted (${code || msg}). If the server uses its own certificate authority, add its CA certificate file in the settings.`);
  }
  return new PublishError('network', `${where}: ${msg}`);
}
