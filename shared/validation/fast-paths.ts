import { isEmail } from './email';
import { fastHu } from './phone';
import { QUICK_RE } from './text-clean';
import type { FieldType } from '../profile/profile-types';

/**
 * Answers for the common, clean case without allocating a Parsed (the hot path maps tens of
 * millions of values). Each returns exactly what the full parser would return as its value, or
 * undefined to let the full parser decide (a test checks the two agree).
 */
export type FastPath = (raw: string) => string | undefined;

// Local copies: under tsx every imported binding is a getter call, and these run per value.
const quick = QUICK_RE;
const emailOk = isEmail;
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

export function fastPathFor(type: FieldType, phoneRegion: string): FastPath | null {
  switch (type) {
    case 'text': return fastText;
    case 'integer': return fastInteger;
    case 'number': return fastNumber;
    case 'email': return fastEmail;
    case 'url': return fastUrl;
    case 'phone': return (raw) => hu(raw.trim(), phoneRegion) ?? undefined;
    default: return null;
  }
}
