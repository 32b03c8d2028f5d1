/**
 * Whether a value MiniCRM gives back (R3 JSON) is the value a run sent, knowing how MiniCRM stores
 * things: it trims text, keeps numbers as numbers, may add midnight to a date, gives a dropdown
 * back by its label where the feed sent its id (or the other way round), and rewrites phone
 * numbers in its own format. `unknown` when the value cannot be judged: never a false match.
 */
import { libPhone } from '../../../shared/validation/phone';

export type ValueKind =
  | { kind: 'text' }
  | { kind: 'number' }
  | { kind: 'date' }
  | { kind: 'enum'; options: Readonly<Record<string, string>> }
  | { kind: 'phone' }
  | { kind: 'email' }
  | { kind: 'url' }
  | { kind: 'unknown' };

export type Sameness = 'same' | 'different' | 'unknown';

/** R3 answers a value as a string, a number, a boolean or null; anything else cannot be compared. */
export function foundText(found: unknown): string | null | undefined {
  if (found === null || found === undefined) return null;
  if (typeof found === 'string') return found;
  if (typeof found === 'number') return Number.isFinite(found) ? String(found) : undefined;
  if (typeof found === 'boolean') return found ? '1' : '0';
  return undefined;
}

const tidy = (s: string): string => s.normalize('NFC').replace(/\r\n?/g, '\n').trim();

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
/** Some MiniCRM answers carry HTML entities where the feed had the character. */
const decodeEntities = (s: string): string =>
  s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });

function number(s: string): number | null {
  const t = s.replace(/[\s\u00a0]/g, '');
  if (!/^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$/.test(t)) return null;
  const n = Number(t.replace(',', '.'));
  return Number.isFinite(n) ? n : null;
}

interface When { date: string; time: string | null }
const DATE_RE = /^(\d{4})[-.\/]\s*(\d{1,2})[-.\/]\s*(\d{1,2})\.?(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
function when(s: string): When | null {
  const m = DATE_RE.exec(s);
  if (!m) return null;
  const p = (v: string | undefined) => (v ?? '0').padStart(2, '0');
  const date = `${m[1]}-${p(m[2])}-${p(m[3])}`;
  return { date, time: m[4] === undefined ? null : `${p(m[4])}:${p(m[5])}:${p(m[6])}` };
}

function sameDate(a: string, b: string): Sameness {
  const x = when(a);
  const y = when(b);
  if (!x || !y) return 'unknown';
  if (x.date !== y.date) return 'different';
  const tx = x.time ?? '00:00:00';
  const ty = y.time ?? '00:00:00';
  if (tx === ty) return 'same';
  // A date-only field cuts the time off: that is MiniCRM's storage, not a different value.
  return x.time === null || y.time === null ? 'unknown' : 'different';
}

/** A dropdown value as its option id: the id itself, or the id whose label it is. */
export function optionId(v: string, options: Readonly<Record<string, string>>): string | null {
  const t = tidy(v);
  if (Object.hasOwn(options, t)) return t;
  const lower = t.toLocaleLowerCase('hu');
  for (const [id, label] of Object.entries(options)) if (tidy(label).toLocaleLowerCase('hu') === lower) return id;
  return null;
}

function samePhone(a: string, b: string, region: string): Sameness {
  const x = libPhone(a, region);
  const y = libPhone(b, region);
  if (x && y) return x === y ? 'same' : 'different';
  const dx = a.replace(/\D/g, '');
  const dy = b.replace(/\D/g, '');
  return dx !== '' && dx === dy ? 'same' : 'unknown';
}

function url(s: string): string {
  const t = s.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(t) ? t : `http://${t}`;
  try {
    const u = new URL(withScheme);
    return `${u.host}${u.pathname.replace(/\/+$/, '')}${u.search}${u.hash}`.toLowerCase();
  } catch {
    return t.toLowerCase();
  }
}

/** Is `found` (MiniCRM's answer) the value `sent`? `region`: the country of phone numbers without one. */
export function sameValue(kind: ValueKind, sent: string, found: unknown, region = 'HU'): Sameness {
  const f = foundText(found);
  if (f === undefined) return 'unknown';
  const s = tidy(sent);
  const t = f === null ? '' : tidy(f);
  if (s === t) return 'same';
  // MiniCRM holding nothing where a value was sent is a difference whatever the field's type.
  if (t === '') return s === '' ? 'same' : 'different';
  switch (kind.kind) {
    case 'text':
      return tidy(decodeEntities(t)) === s ? 'same' : 'different';
    case 'number': {
      const x = number(s);
      const y = number(t);
      return x === null || y === null ? 'unknown' : x === y ? 'same' : 'different';
    }
    case 'date':
      return sameDate(s, t);
    case 'enum': {
      const x = optionId(s, kind.options);
      const y = optionId(t, kind.options);
      return x === null || y === null ? 'unknown' : x === y ? 'same' : 'different';
    }
    case 'phone':
      return samePhone(s, t, region);
    case 'email':
      return s.toLowerCase() === t.toLowerCase() ? 'same' : 'different';
    case 'url':
      return url(s) === url(t) ? 'same' : 'different';
    default:
      return 'unknown';
  }
}
