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

/**
 * What the fast paths leave to cleanText: QUICK_RE's characters, and every character from U+0300 on
 * that may not be in NFC (combining marks and beyond). U+2002–U+20CF (dashes, quotes, €) are always
 * NFC, so Hungarian office text, Latin-1 and Latin Extended-A included, stays on the fast path
 * (test/shared/text-nfc.test.ts checks both ranges against String.prototype.normalize).
 */
export const SLOW_TEXT_RE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u0300-\u2001\u20D0-\uFFFF]/;

const REPLACEMENT = '\uFFFD';

/**
 * A text field: trimmed, in NFC (macOS and some exporters write decomposed letters, which MiniCRM's
 * search would not find), forbidden characters removed with a warning, U+FFFD (text the reader
 * could not decode) kept with a warning. Empty -> null.
 */
export function cleanText(raw: string): Parsed {
  let s = raw.trim();
  if (!SLOW_TEXT_RE.test(s)) return s === '' ? { value: null } : ok(s);
  let removed = false;
  if (QUICK_RE.test(s)) {
    const stripped = stripForbidden(s).trim();
    if (stripped !== s) {
      s = stripped;
      removed = true;
    }
  }
  s = s.normalize('NFC');
  if (removed) {
    return warn(s === '' ? null : s, 'forbidden-characters',
      'contains characters an XML feed cannot carry (control characters); they were removed.');
  }
  if (s.includes(REPLACEMENT)) {
    return warn(s, 'unreadable-characters',
      'holds characters the file itself had broken (shown as \uFFFD); it was kept, fix the text in the file.');
  }
  return s === '' ? { value: null } : ok(s);
}
