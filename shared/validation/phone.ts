import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import { cleanText } from './text-clean';
import { warn, type Parsed } from './parsed';

/** Separators of several phone numbers in one cell ('/' and spaces belong to numbers). */
export const PHONE_SPLIT_RE = /[,;\n]+/;

const TYPED_RE = /^[\d\s()./+-]+$/;
const HU_MOBILE = new Set(['20', '30', '31', '50', '70']);

/**
 * Fast path for the bulk of Hungarian data (Budapest and mobile numbers): libphonenumber costs
 * ~8 µs a number, too slow for a million rows. Produces exactly what libphonenumber's
 * formatInternational does for these (checked by a test); everything else goes to the library.
 */
function fastHu(s: string, region: string): string | null {
  if (!TYPED_RE.test(s)) return null;
  let d = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) d += s[i];
  }
  const plus = s.trimStart().startsWith('+');
  let nsn: string;
  if (plus && d.startsWith('36')) nsn = d.slice(2);
  else if (!plus && d.startsWith('0036')) nsn = d.slice(4);
  else if (!plus && region === 'HU' && d.startsWith('06')) nsn = d.slice(2);
  else return null;
  if (nsn.length === 8 && nsn[0] === '1') return `+36 1 ${nsn.slice(1, 4)} ${nsn.slice(4)}`;
  if (nsn.length === 9 && HU_MOBILE.has(nsn.slice(0, 2))) {
    return `+36 ${nsn.slice(0, 2)} ${nsn.slice(2, 5)} ${nsn.slice(5)}`;
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
