import { bad, ok, warn, type Parsed } from './parsed';

/** Which separator a column uses for decimals, learnt from its values; null = no evidence. */
export type DecimalHint = 'comma' | 'dot' | null;

// Spaces of every kind (incl. NBSP and narrow NBSP) and apostrophes group thousands.
const GROUP_SPACE_RE = /[\s\u00a0\u202f\u2009']/;
const GROUP_SPACE_ALL_RE = /[\s\u00a0\u202f\u2009']+/g;
const SHAPE_RE = /^[+\-\u2212]?(?:\d[\d.,]*|[.,]\d+)$/;
const CURRENCY_RE = /^(?:(?:HUF|EUR|USD|Ft\.?|€|\$)\s*)?(.*?)(?:\s*(?:HUF|EUR|USD|Ft\.?|€|\$))?$/i;
const THREE = /^\d{3}$/;

interface Split {
  neg: boolean;
  int: string;
  frac: string;
  /** A lone separator followed by exactly three digits: grouping or decimal cannot be told. */
  ambiguous: ',' | '.' | null;
}

function groupsOk(parts: readonly string[]): boolean {
  const first = parts[0] ?? '';
  if (first.length < 1 || first.length > 3) return false;
  for (let i = 1; i < parts.length; i++) if (!THREE.test(parts[i] ?? '')) return false;
  return true;
}

/** Splits number text into digits; null when it is not a number in any usual notation. */
function splitNumber(text: string, hint: DecimalHint): Split | null {
  let s = text;
  let spaced = false;
  if (GROUP_SPACE_RE.test(s)) {
    const parts = s.split(GROUP_SPACE_ALL_RE);
    // "3 450,75": the last part may carry the decimals; every other part is a 3-digit group.
    const lastFull = parts[parts.length - 1] ?? '';
    const lastInt = lastFull.split(/[.,]/)[0] ?? '';
    const head = parts[0]?.replace(/^[+\-\u2212]/, '') ?? '';
    const groups = [head, ...parts.slice(1, -1), lastInt];
    if (parts.length < 2 || !groupsOk(groups) || /[.,]/.test(parts.slice(0, -1).join(''))) return null;
    s = parts.join('');
    spaced = true;
  }
  if (!SHAPE_RE.test(s)) return null;
  let neg = false;
  const c0 = s[0];
  if (c0 === '-' || c0 === '+' || c0 === '\u2212') {
    neg = c0 !== '+';
    s = s.slice(1);
  }
  const commas = s.split(',').length - 1;
  const dots = s.split('.').length - 1;
  let dec: ',' | '.' | null = null;
  let ambiguous: ',' | '.' | null = null;
  if (commas > 0 && dots > 0) {
    dec = s.lastIndexOf(',') > s.lastIndexOf('.') ? ',' : '.';
    if ((dec === ',' ? commas : dots) !== 1) return null;
  } else if (commas + dots === 1) {
    const sep = commas ? ',' : '.';
    const [before = '', after = ''] = s.split(sep);
    if (after.length !== 3 || before === '' || before === '0' || before.length > 3 || spaced) dec = sep;
    else if (hint !== null) dec = (hint === 'comma') === (sep === ',') ? sep : null;
    else {
      // Hungarian convention without other evidence: the dot groups thousands, the comma is decimal.
      dec = sep === ',' ? ',' : null;
      if (sep === ',') ambiguous = ',';
    }
  } else if (commas + dots > 1) {
    dec = null; // "1.200.000" or "1,200,000": grouping only
  }
  const grp = dec === ',' ? '.' : dec === '.' ? ',' : commas ? ',' : '.';
  let intPart = s;
  let frac = '';
  if (dec !== null) {
    const i = s.lastIndexOf(dec);
    intPart = s.slice(0, i);
    frac = s.slice(i + 1);
    if (frac === '' || !/^\d+$/.test(frac)) return null;
  }
  if (intPart.includes(grp)) {
    if (!groupsOk(intPart.split(grp))) return null;
    intPart = intPart.split(grp).join('');
  }
  if (intPart === '') intPart = '0';
  if (!/^\d+$/.test(intPart)) return null;
  return { neg, int: intPart, frac, ambiguous };
}

function plain(sp: Split, keepFrac: boolean): string {
  const int = sp.int.replace(/^0+(?=\d)/, '');
  const frac = keepFrac ? sp.frac.replace(/0+$/, '') : '';
  const body = frac ? `${int}.${frac}` : int;
  return sp.neg && body !== '0' ? `-${body}` : body;
}

/** Writes a JS number as plain decimal text (never `1e21`). */
export function numberToPlain(n: number): string {
  const s = String(n);
  if (!/e/i.test(s)) return s;
  return n.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
}

function stripCurrency(raw: string): { text: string; had: boolean } {
  const m = CURRENCY_RE.exec(raw);
  const inner = m?.[1] ?? raw;
  return { text: inner, had: inner.length !== raw.length };
}

/** `15` of `15%` as the number it stands for (`0.15`): the decimal point moved two places, exactly. */
function hundredth(sp: Split): Split {
  const int = sp.int.padStart(3, '0');
  return { ...sp, int: int.slice(0, -2), frac: int.slice(-2) + sp.frac };
}

/**
 * A decimal number: `3 450,75`, `1.200`, `1,200.50`, NBSP groups -> `3450.75`, `1200`, `1200.5`;
 * a percentage is its number, as for a percent-formatted cell: `15%`, `12,5 %` -> `0.15`, `0.125`.
 */
export function parseNumberText(raw: string, hint: DecimalHint = null): Parsed {
  const t = raw.trim();
  if (t === '') return { value: null };
  const percent = t.endsWith('%');
  const cur = stripCurrency(percent ? t.slice(0, -1).trimEnd() : t);
  if (percent && cur.had) return bad('invalid-number', 'is not a number.');
  const split = splitNumber(cur.text.trim(), hint);
  const sp = split && percent ? hundredth(split) : split;
  if (!sp) return bad('invalid-number', 'is not a number.');
  const v = plain(sp, true);
  if (sp.ambiguous) {
    return warn(v, 'unusual-value', `could be read two ways; it was read as ${v} (decimal comma).`, { read: v });
  }
  if (cur.had) return warn(v, 'unusual-value', `has a currency sign; it was written as ${v}.`, { read: v });
  return ok(v);
}

/** A whole number; `1,200` is read as 1200 here because a decimal reading would not be whole. */
export function parseIntegerText(raw: string, hint: DecimalHint = null): Parsed {
  const t = raw.trim();
  if (t === '') return { value: null };
  const cur = stripCurrency(t);
  let sp = splitNumber(cur.text.trim(), hint);
  if (sp && /[1-9]/.test(sp.frac)) {
    const regrouped = splitNumber(cur.text.trim(), sp.ambiguous ? 'dot' : hint);
    if (regrouped && !/[1-9]/.test(regrouped.frac)) sp = regrouped;
  }
  if (!sp || /[1-9]/.test(sp.frac)) return bad('invalid-integer', 'is not a whole number.');
  const v = plain(sp, false);
  return cur.had ? warn(v, 'unusual-value', `has a currency sign; it was written as ${v}.`, { read: v }) : ok(v);
}

/** Learns a column's decimal separator from sample values (a value with both, or a non-3-digit tail). */
export function inferDecimalHint(values: readonly string[]): DecimalHint {
  let comma = 0;
  let dot = 0;
  for (const raw of values) {
    const s = raw.trim().replace(GROUP_SPACE_ALL_RE, '');
    if (!SHAPE_RE.test(s)) continue;
    const lc = s.lastIndexOf(',');
    const ld = s.lastIndexOf('.');
    if (lc >= 0 && ld >= 0) {
      if (lc > ld) comma++;
      else dot++;
      continue;
    }
    const sep = lc >= 0 ? ',' : ld >= 0 ? '.' : null;
    if (sep === null) continue;
    const parts = s.split(sep);
    if (parts.length > 2) {
      if (sep === ',') dot++;
      else comma++;
    } else if ((parts[1] ?? '').length !== 3) {
      if (sep === ',') comma++;
      else dot++;
    }
  }
  if (comma > 0 && dot === 0) return 'comma';
  if (dot > 0 && comma === 0) return 'dot';
  return null;
}
