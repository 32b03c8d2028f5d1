// The `max` metadata knows which number ranges exist; `min` only checks lengths, so a number that
// lost its leading 0 (612345678) read as a valid +36 61 234 5678.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
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

/**
 * Two-digit prefixes after +36 whose every 8-digit (6 after the prefix) or 9-digit number is valid in
 * libphonenumber's metadata (geographic area codes, toll-free and premium; mobiles 20/30/31/50/70, 21 VoIP,
 * 38 corporate). Other prefixes go to the library, so this table only has to be right, not complete:
 * the fast-path test compares it with the library on random numbers of every prefix.
 */
const valid = (list: string): Uint8Array => {
  const t = new Uint8Array(100);
  for (const p of list.split(' ')) t[Number(p)] = 1;
  return t;
};
const EIGHT = valid('22 23 24 25 26 27 28 29 32 33 34 35 36 37 40 42 44 45 46 47 48 49 52 53 54 55 56 57 59 62 63 66 68 69 72 73 74 75 76 77 78 79 80 82 83 84 85 87 88 89 90 91 92 93 94 95 96 99');
const NINE = valid('20 21 30 31 38 50 70');

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
  const ab = a * 10 + (dg[o + 1] ?? 0) - 48;
  // "+36 1 234 5678" (Budapest)
  if (len === 8 && a === 1) return String.fromCharCode(43, 51, 54, 32, 49, 32, at(o + 1), at(o + 2), at(o + 3), 32, at(o + 4), at(o + 5), at(o + 6), at(o + 7));
  // "+36 22 123 456" (two-digit area code)
  if (len === 8 && EIGHT[ab] === 1) return String.fromCharCode(43, 51, 54, 32, at(o), at(o + 1), 32, at(o + 2), at(o + 3), at(o + 4), 32, at(o + 5), at(o + 6), at(o + 7));
  // "+36 30 765 4321" (mobile and 9-digit numbers)
  if (len === 9 && NINE[ab] === 1) {
    return String.fromCharCode(43, 51, 54, 32, at(o), at(o + 1), 32, at(o + 2), at(o + 3), at(o + 4), 32, at(o + 5), at(o + 6), at(o + 7), at(o + 8));
  }
  return null;
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/**
 * `06-30/765-4321` -> `+36 30 765 4321`. What cannot be read is kept as typed with a warning; so is a number
 * of the right length that is not valid in its country (`612345678`: a Budapest number that lost its 0),
 * with the reading it would have with a leading 0 where that one is valid.
 */
export function normalisePhone(raw: string, region = 'HU'): Parsed {
  const t = cleanText(raw);
  if (t.value === null) return t;
  const v = t.value;
  const fast = fastHu(v, region);
  if (fast !== null) return t.problem ? { value: fast, problem: t.problem } : { value: fast };
  const p = parse(v, region);
  if (p?.isValid()) {
    const f = p.formatInternational();
    return t.problem ? { value: f, problem: t.problem } : { value: f };
  }
  if (p?.isPossible()) {
    const country = p.country ?? (region as CountryCode);
    const name = regionNames.of(country) ?? country;
    const zero = /^\d/.test(v) ? parse(`0${v}`, region) : undefined;
    const hint = zero?.isValid() ? ` With a leading 0 it would be ${zero.formatInternational()}.` : '';
    return warn(v, 'invalid-phone', `is not a valid phone number in ${name} (+${p.countryCallingCode}); it was kept as typed.${hint}`,
      zero?.isValid() ? { country, withZero: zero.formatInternational() } : { country });
  }
  return warn(v, 'unparseable-phone', 'is not a phone number this app can read; it was kept as typed.');
}

function parse(v: string, region: string): ReturnType<typeof parsePhoneNumberFromString> {
  try {
    return parsePhoneNumberFromString(v, region as CountryCode);
  } catch {
    return undefined;
  }
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
