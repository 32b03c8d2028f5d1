import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import { cleanText } from './text-clean';
import { warn, type Parsed } from './parsed';

/** Separators of several phone numbers in one cell ('/' and spaces belong to numbers). */
export const PHONE_SPLIT_RE = /[,;\n]+/;


/**
 * Fast path for Hungarian numbers (Budapest, landlines with a two-digit area code, mobiles): libphonenumber costs
 * ~8 µs a number, too slow for a million rows. One scan over char codes, one string built.
 * Produces exactly what libphonenumber's formatInternational does for these (checked by a test);
 * everything else goes to the library.
 */
const digits = new Uint8Array(24);
const out: number[] = [];

export function fastHu(s: string, region: string): string | null {
  let n = 0;
  let plus = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (n === 24) return null;
      digits[n++] = c - 48;
    } else if (c === 43) {
      if (n > 0 || plus) return null;
      plus = true;
    } else if (c !== 32 && c !== 45 && c !== 47 && c !== 40 && c !== 41 && c !== 46) return null;
  }
  let off: number;
  if (plus) off = digits[0] === 3 && digits[1] === 6 ? 2 : -1;
  else if (digits[0] === 0 && digits[1] === 0 && digits[2] === 3 && digits[3] === 6) off = 4;
  else off = region === 'HU' && digits[0] === 0 && digits[1] === 6 ? 2 : -1;
  if (off < 0) return null;
  const len = n - off;
  const a = digits[off] ?? 0;
  out.length = 0;
  out.push(43, 51, 54, 32); // "+36 "
  if (len === 8 && a === 1) {
    out.push(49, 32);
    for (let i = off + 1; i < n; i++) {
      out.push(48 + (digits[i] ?? 0));
      if (i === off + 3) out.push(32);
    }
  } else if ((len === 8 && a >= 2) || (len === 9 && (a === 2 || a === 3 || a === 5 || a === 6 || a === 7))) {
    // Area code or mobile prefix of two digits, then 3 + 3 (landline) or 3 + 4 (mobile) digits.
    for (let i = off; i < n; i++) {
      out.push(48 + (digits[i] ?? 0));
      if (i === off + 1 || i === off + 4) out.push(32);
    }
  } else return null;
  return String.fromCharCode.apply(null, out);
}

/** `06-30/765-4321` -> `+36 30 765 4321`; what cannot be read is kept as typed with a warning. */
export function normalisePhone(raw: string, region = 'HU'): Parsed {
  const t = cleanText(raw);
  if (t.value === null) return t;
  const v = t.value;
  const fast = fastHu(v, region);
  if (fast !== null) return t.problem ? { value: fast, problem: t.problem } : { value: fast };
  let p;
  try {
    p = parsePhoneNumberFromString(v, region as CountryCode);
  } catch {
    p = undefined;
  }
  if (p?.isValid()) {
    const f = p.formatInternational();
    return t.problem ? { value: f, problem: t.problem } : { value: f };
  }
  return warn(v, 'unparseable-phone', 'is not a phone number this app can read; it was kept as typed.');
}

/** normalisePhone with the library path memoised (landlines and foreign numbers repeat less, but do repeat). */
export function makePhoneNormaliser(region = 'HU'): (raw: string) => Parsed {
  const cache = new Map<string, Parsed>();
  return (raw) => {
    const fast = fastHu(raw.trim(), region);
    if (fast !== null) return { value: fast };
    let r = cache.get(raw);
    if (r === undefined) {
      r = normalisePhone(raw, region);
      if (cache.size >= 50_000) cache.clear();
      cache.set(raw, r);
    }
    return r;
  };
}

/** libphonenumber alone, for the test that keeps the fast path honest. */
export function libPhone(raw: string, region = 'HU'): string | null {
  const p = parsePhoneNumberFromString(raw, region as CountryCode);
  return p?.isValid() ? p.formatInternational() : null;
}
