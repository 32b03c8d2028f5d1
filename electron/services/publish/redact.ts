/**
 * Secrets must never reach a log, the history, an error message or a stored URL. These helpers
 * mask credentials inside URLs (`user:****@`) and blank out known secret values in any text.
 */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#@:]*):([^\s/?#@]*)@/gi;

/** `https://user:pass@host/x` -> `https://user:****@host/x`; URLs without a password are unchanged. */
export function maskUrl(url: string): string {
  return url.replace(URL_CREDENTIALS, (_m, scheme: string, user: string) => `${scheme}${user}:****@`);
}

/** Mask URL credentials and every given secret (also URL- and form-encoded) in `text`. */
export function redact(text: string, secrets: ReadonlyArray<string | null | undefined> = []): string {
  let out = maskUrl(text);
  for (const s of secrets) {
    if (!s || s.length < 3) continue; // too short to blank without mangling ordinary text
    for (const form of new Set([s, encodeURIComponent(s), new URLSearchParams({ s }).toString().slice(2)])) out = out.split(form).join('****');
  }
  return out;
}

/** Insert download credentials into a public URL (what MiniCRM needs); the result must never be stored. */
export function withCredentials(url: string, user: string | null, password: string | null): string {
  if (!user) return url;
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = password ? encodeURIComponent(password) : '';
  return u.toString();
}

/** Cut a server answer to what the history keeps. */
export function truncate(text: string, max = 2000): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}
