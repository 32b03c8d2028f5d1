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
/** Char codes of the digits seen (module-level: no allocation per number). */
const dg = new Uint8Array(24);

// A module-level helper, not a closure: under tsx every closure created per call is also renamed per call.
function at(i: number): number {
  return dg[i] ?? 48;
}

export function fastHu(s: string, region: string): string | null {
  let n = 0;
  let plus = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (n === 24) return null;
      dg[n++] = c;
    } else if (c === 43) {
      if (n > 0 || plus) return null;
      plus = true;
    } else if (c !== 32 && c !== 45 && c !== 47 && c !== 40 && c !== 41 && c !== 46) return null;
  }
  let o: number;
  if (plus) o = dg[0] === 51 && dg[1] === 54 ? 2 : -1; // +36
  else if (dg[0] === 48 && dg[1] === 48 && dg[2] === 51 && dg[3] === 54) o = 4; // 0036
  else o = region === 'HU' && dg[0] === 48 && dg[1] === 54 ? 2 : -1; // 06
  if (o < 0) return null;
  const len = n - o;
  const a = (dg[o] ?? 0) - 48;
  // "+36 1 234 5678" (Budapest)
  if (len === 8 && a === 1) return String.fromCharCode(43, 51, 54, 32, 49, 32, at(o + 1), at(o + 2), at(o + 3), 32, at(o + 4), at(o + 5), at(o + 6), at(o + 7));
  // "+36 22 123 456" (two-digit area code)
  if (len === 8 && a >= 2) return String.fromCharCode(43, 51, 54, 32, at(o), at(o + 1), 32, at(o + 2), at(o + 3), at(o + 4), 32, at(o + 5), at(o + 6), at(o + 7));
  // "+36 30 765 4321" (mobile and 9-digit numbers)
  if (len === 9 && (a === 2 || a === 3 || a === 5 || a === 6 || a === 7)) {
    return String.fromCharCode(43, 51, 54, 32, at(o), at(o + 1), 32, at(o + 2), at(o + 3), at(o + 4), 32, at(o + 5), at(o + 6), at(o + 7), at(o + 8));
  }
  return null;
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
