import { cleanText } from './text-clean';
import { bad, warn, type Parsed } from './parsed';

const ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
const DOMAIN = '(?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?\\.)+[\\p{L}]{2,63}';
// Plain address rules: dot-atom local part, a domain of labels (IDN letters allowed) with a dot.
const EMAIL_RE = new RegExp(`^${ATOM}(?:\\.${ATOM})*@${DOMAIN}$`, 'u');
// RFC 6531: letters of any script (with their marks) before the @ too.
const U_ATOM = "[\\p{L}\\p{M}\\p{N}!#$%&'*+/=?^_`{|}~-]+";
const INTERNATIONAL_RE = new RegExp(`^${U_ATOM}(?:\\.${U_ATOM})*@${DOMAIN}$`, 'u');
// "Kovács Béla <kovacs@x.hu>" (RFC 5322 name-addr) and "mailto:kovacs@x.hu" are usable: the address is taken out.
const WRAPPED_RE = /^(?:(.*?)<\s*([^<>\s]+)\s*>|mailto:(\S+))$/i;

// ASCII-only subset of EMAIL_RE, tried first because non-Unicode regexes run much faster.
const ASCII_EMAIL_RE =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

export function isAsciiEmail(s: string): boolean {
  return s.length <= 254 && ASCII_EMAIL_RE.test(s);
}

export function isEmail(s: string): boolean {
  return s.length <= 254 && (ASCII_EMAIL_RE.test(s) || EMAIL_RE.test(s));
}

/** An RFC 6531 address whose local part is not ASCII (`péter@cég.hu`). */
function isInternational(s: string): boolean {
  return s.length <= 254 && !isEmail(s) && INTERNATIONAL_RE.test(s);
}

const INTERNATIONAL = 'has accented letters before the @ (an international address); it was kept, but some mail systems cannot deliver to it.';

export function checkEmail(raw: string): Parsed {
  const t = cleanText(raw);
  if (t.value === null) return t;
  const v = t.value;
  if (isEmail(v)) return t;
  if (isInternational(v)) return t.problem ? t : warn(v, 'international-email', INTERNATIONAL);
  const w = WRAPPED_RE.exec(v);
  const inner = w?.[2] ?? w?.[3];
  if (inner !== undefined && isEmail(inner)) {
    return warn(inner, 'unusual-value', `holds more than an address; ${inner} was taken.`, { read: inner });
  }
  if (inner !== undefined && isInternational(inner)) {
    return warn(inner, 'international-email', `holds more than an address; ${inner} was taken; it ${INTERNATIONAL}`, { read: inner });
  }
  if (/[,;]/.test(v) && splitEmailList(v).every((p) => isEmail(p) || isInternational(p))) {
    return bad('invalid-email', 'holds several e-mail addresses; set "split": true for this column in the profile.');
  }
  return bad('invalid-email', 'is not an e-mail address.');
}

/** The display name of `Nagy Gábor <gabor@example.hu>` (quotes removed), or null when the text is not that form. */
export function displayName(text: string): string | null {
  const w = WRAPPED_RE.exec(text.trim());
  if (!w || w[2] === undefined) return null;
  if (!isEmail(w[2]) && !isInternational(w[2])) return null;
  const name = (w[1] ?? '').trim().replace(/^"(.*)"$/, '$1').trim();
  return name === '' ? null : name;
}

/**
 * Splits a cell holding several addresses. `,` `;` and line breaks separate entries outside quotes and
 * angle brackets; an entry without `<…>` may hold several addresses apart by spaces. Text without an
 * @ before a `Name <address>` entry is that entry's display name (Outlook writes `Nagy, Gábor <g@x.hu>`).
 * Hand-written because no well-kept library splits address lists this leniently (mail parsers refuse
 * what office exports hold).
 */
export function splitEmailList(cell: string): string[] {
  const entries: string[] = [];
  let cur = '';
  let quoted = false;
  let angle = false;
  for (const ch of cell) {
    if (ch === '"' && !angle) quoted = !quoted;
    else if (ch === '<' && !quoted) angle = true;
    else if (ch === '>' && !quoted) angle = false;
    if (!quoted && !angle && (ch === ',' || ch === ';' || ch === '\n' || ch === '\r')) {
      entries.push(cur);
      cur = '';
    } else cur += ch;
  }
  entries.push(cur);
  const out: string[] = [];
  let name = '';
  for (const raw of entries) {
    const e = raw.trim();
    if (e === '') continue;
    if (e.includes('<')) {
      out.push(name ? `${name}, ${e}` : e);
      name = '';
    } else if (!e.includes('@')) {
      name = name ? `${name}, ${e}` : e;
    } else {
      if (name) out.push(name);
      name = '';
      out.push(...e.split(/\s+/).filter((p) => p !== ''));
    }
  }
  if (name) out.push(name);
  return out;
}
