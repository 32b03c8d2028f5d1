import { isAsciiEmail } from './email';
import { fastHu } from './phone';
import { SLOW_TEXT_RE } from './text-clean';
import type { FieldType } from '../profile/profile-types';

/**
 * Answers for the common, clean case without allocating a Parsed (the hot path maps tens of
 * millions of values). Each returns exactly what the full parser would return as its value, or
 * undefined to let the full parser decide (a test checks the two agree).
 */
export type FastPath = (raw: string) => string | undefined;

// Local copies: under tsx every imported binding is a getter call, and these run per value.
const quick = SLOW_TEXT_RE;
const emailOk = isAsciiEmail;
const hu = fastHu;

const INT_RE = /^(?:0|-?[1-9]\d{0,14})$/;
// `3 450,75`, `12 000`, `1 234 567,5` (spaces of any kind group thousands, the comma is decimal)
const SPACED_RE = /^-?[1-9]\d{0,2}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?$/;
// `12,5`, `0,75`, `12.5`: a single separator not followed by exactly three digits
const SIMPLE_DEC_RE = /^-?(?:0|[1-9]\d{0,14})[.,](?:\d{1,2}|\d{4,})$/;
const SPACES_G = /[ \u00a0\u202f]/g;
const TRAIL_ZEROS = /\.?0+$/;
const BARE_HOST_RE = /^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:\/[^\s]*)?$/;
const HTTP_RE = /^https?:\/\/[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?::\d+)?(?:\/[^\s]*)?$/i;

function decimal(s: string): string {
  const dot = s.replace(',', '.');
  if (!dot.includes('.')) return dot;
  const out = dot.replace(TRAIL_ZEROS, '');
  return out === '-0' ? '0' : out;
}

const fastText: FastPath = (raw) => {
  const t = raw.trim();
  return t !== '' && !quick.test(t) ? t : undefined;
};

/** A person's name: as text, unless the cell may be `Name <address>` (the slot's parser takes the name then). */
export const fastNamePath: FastPath = (raw) => (raw.indexOf('<') >= 0 ? undefined : fastText(raw));

const fastInteger: FastPath = (raw) => {
  const t = raw.trim();
  return INT_RE.test(t) && t !== '-0' ? t : undefined;
};

const fastNumber: FastPath = (raw) => {
  const t = raw.trim();
  if (INT_RE.test(t)) return t === '-0' ? undefined : t;
  if (SPACED_RE.test(t)) return decimal(t.replace(SPACES_G, ''));
  if (SIMPLE_DEC_RE.test(t)) return decimal(t);
  return undefined;
};

// ASCII only: an international domain goes to checkEmail, which puts it in NFC first.
const fastEmail: FastPath = (raw) => {
  const t = raw.trim();
  return emailOk(t) ? t : undefined;
};

const fastUrl: FastPath = (raw) => {
  const t = raw.trim();
  if (quick.test(t)) return undefined;
  if (HTTP_RE.test(t)) return t;
  return BARE_HOST_RE.test(t) ? `https://${t}` : undefined;
};

const DASH = 45;
const DOT = 46;
const SLASH = 47;
const digit = (c: number): number => (c >= 48 && c <= 57 ? c - 48 : -1);
const DAYS = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * `2024-06-08`, `2024.06.08.`, `2024/06/08`: a four-digit year first reads the same whatever the
 * column's day/month order, so these need neither the parser's regexes nor its cache (a Map lookup
 * per row cost more than this). Two-digit month and day only; anything else goes to parseDateText.
 */
const fastDate: FastPath = (raw) => {
  const t = raw.trim();
  const n = t.length;
  if (n !== 10 && n !== 11) return undefined;
  const s1 = t.charCodeAt(4);
  const s2 = t.charCodeAt(7);
  // ISO takes dashes and no final dot; the Hungarian form dots or slashes, a final dot optional.
  const iso = s1 === DASH && s2 === DASH && n === 10;
  const hu = (s1 === DOT || s1 === SLASH) && (s2 === DOT || s2 === SLASH) && (n === 10 || t.charCodeAt(10) === DOT);
  if (!iso && !hu) return undefined;
  const y0 = digit(t.charCodeAt(0));
  const y1 = digit(t.charCodeAt(1));
  const y2 = digit(t.charCodeAt(2));
  const y3 = digit(t.charCodeAt(3));
  const m0 = digit(t.charCodeAt(5));
  const m1 = digit(t.charCodeAt(6));
  const d0 = digit(t.charCodeAt(8));
  const d1 = digit(t.charCodeAt(9));
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0 || y0 === 0) return undefined;
  const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const m = m0 * 10 + m1;
  const d = d0 * 10 + d1;
  if (m < 1 || m > 12 || d < 1 || d > DAYS[m]!) return undefined;
  if (m === 2 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) return undefined;
  return iso ? t : `${t.slice(0, 4)}-${t.slice(5, 7)}-${t.slice(8, 10)}`;
};

export function fastPathFor(type: FieldType, phoneRegion: string): FastPath | null {
  switch (type) {
    case 'text': return fastText;
    case 'integer': return fastInteger;
    case 'number': return fastNumber;
    case 'email': return fastEmail;
    case 'url': return fastUrl;
    case 'date': return fastDate;
    case 'phone': return (raw) => hu(raw.trim(), phoneRegion) ?? undefined;
    default: return null;
  }
}
