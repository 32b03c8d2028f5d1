import { ok, warn, type Parsed } from './parsed';

/*
 * XML 1.0 forbids C0 controls other than tab/LF/CR, U+FFFE/U+FFFF and unpaired surrogates.
 * QUICK_RE is a cheap pre-test (any surrogate passes it) so that ordinary text costs one scan;
 * only suspicious text pays for the exact check.
 */
export const QUICK_RE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

function stripForbidden(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const n = s.charCodeAt(i + 1);
      if (n >= 0xdc00 && n <= 0xdfff) {
        out += s.slice(i, i + 2);
        i++;
      }
      continue;
    }
    if (c >= 0xdc00 && c <= 0xdfff) continue;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0xfffe || c === 0xffff) continue;
    out += s[i];
  }
  return out;
}

/** True when the text holds a character the feed (XML 1.0) cannot carry. */
export function hasForbiddenChars(s: string): boolean {
  return QUICK_RE.test(s) && stripForbidden(s) !== s;
}

/** Removes what XML 1.0 cannot carry, then trims. */
export function removeForbiddenChars(s: string): string {
  return QUICK_RE.test(s) ? stripForbidden(s) : s;
}

/** A text field: trimmed; forbidden characters removed with a warning. Empty -> null. */
export function cleanText(raw: string): Parsed {
  let s = raw.trim();
  if (QUICK_RE.test(s)) {
    const stripped = stripForbidden(s).trim();
    if (stripped !== s) {
      s = stripped;
      return warn(s === '' ? null : s, 'forbidden-characters',
        'contains characters an XML feed cannot carry (control characters); they were removed.');
    }
  }
  return s === '' ? { value: null } : ok(s);
}
