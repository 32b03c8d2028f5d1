import { cleanText } from './text-clean';
import { bad, warn, type Parsed } from './parsed';

// Plain address rules: dot-atom local part, a domain of labels (IDN letters allowed) with a dot.
const EMAIL_RE =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+[\p{L}]{2,63}$/u;
// "Kovács Béla <kovacs@x.hu>" and "mailto:kovacs@x.hu" are usable: the address is taken out.
const WRAPPED_RE = /^(?:.*<\s*([^<>\s]+)\s*>|mailto:(\S+))$/i;
/** Separators of several e-mails in one cell. */
export const EMAIL_SPLIT_RE = /[,;\s]+/;

// ASCII-only subset of EMAIL_RE, tried first because non-Unicode regexes run much faster.
const ASCII_EMAIL_RE =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

export function isEmail(s: string): boolean {
  return s.length <= 254 && (ASCII_EMAIL_RE.test(s) || EMAIL_RE.test(s));
}

export function checkEmail(raw: string): Parsed {
  const t = cleanText(raw);
  if (t.value === null) return t;
  const v = t.value;
  if (isEmail(v)) return t;
  const w = WRAPPED_RE.exec(v);
  const inner = w?.[1] ?? w?.[2];
  if (inner !== undefined && isEmail(inner)) {
    return warn(inner, 'unusual-value', `holds more than an address; ${inner} was taken.`, { read: inner });
  }
  if (/[,;]/.test(v) && v.split(EMAIL_SPLIT_RE).every((p) => p === '' || isEmail(p))) {
    return bad('invalid-email', 'holds several e-mail addresses; set "split": true for this column in the profile.');
  }
  return bad('invalid-email', 'is not an e-mail address.');
}
