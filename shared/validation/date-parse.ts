import { bad, ok, warn, type Parsed } from './parsed';

/** Order of day and month in `08/06/2024`-style values, learnt per column; null = no evidence. */
export type DateOrder = 'dmy' | 'mdy' | null;

const ISO_RE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?$/;
// 2024.06.08.  2024. 06. 08.  2024/06/08  (optionally followed by a time)
const YMD_RE = /^(\d{4})\s*[./]\s*(\d{1,2})\s*[./]\s*(\d{1,2})\.?(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
// 08/06/2024  8.6.2024  08-06-2024  08/06/24
const DMY_RE = /^(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{4}|\d{2})\.?(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
// 2024. június 8.  2024. jún. 8.
const HU_MONTH_RE = /^(\d{4})\.?\s*([a-záéíóöőúüű]+)\.?\s*(\d{1,2})\.?$/i;
const SERIAL_RE = /^\d{5}(?:\.\d+)?$/;

const HU_MONTHS = ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'szep', 'okt', 'nov', 'dec'];

const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));

function daysIn(y: number, m: number): number {
  return m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
}

function build(y: number, m: number, d: number, hh?: string, mm?: string, ss?: string): string | null {
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m)) return null;
  const date = `${y}-${pad(m)}-${pad(d)}`;
  if (hh === undefined || mm === undefined) return date;
  const h = Number(hh);
  const mi = Number(mm);
  const s = ss === undefined ? 0 : Number(ss);
  if (h > 23 || mi > 59 || s > 59) return null;
  return `${date} ${pad(h)}:${pad(mi)}:${pad(s)}`;
}

/** Excel's serial day number (1900 system, with its phantom 1900-02-29) as `YYYY-MM-DD[ hh:mm:ss]`. */
export function excelSerialToDate(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2958466) return null;
  const days = Math.floor(serial);
  const secs = Math.round((serial - days) * 86400);
  // Serial 60 is the day Lotus/Excel invented; from 61 on the epoch is 1899-12-30.
  const ms = Date.UTC(1899, 11, days >= 61 ? 30 : 31) + days * 86400000 + secs * 1000;
  const d = new Date(ms);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (secs === 0) return date;
  return `${date} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

function huMonth(name: string): number {
  const n = name.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  const i = HU_MONTHS.findIndex((p) => n.startsWith(p));
  return i + 1;
}

const INVALID = 'is not a date this app can read (use e.g. 2024-06-08 or 2024.06.08.).';

/** Reads a date as text; `order` is the column's day/month order (null: day first, ambiguous values warned). */
export function parseDateText(raw: string, order: DateOrder = null): Parsed {
  const t = raw.trim();
  if (t === '') return { value: null };
  let m = ISO_RE.exec(t) ?? YMD_RE.exec(t);
  if (m) {
    const v = build(Number(m[1]), Number(m[2]), Number(m[3]), m[4], m[5], m[6]);
    return v ? ok(v) : bad('invalid-date', INVALID);
  }
  m = DMY_RE.exec(t);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    let y = Number(m[3]);
    const short = (m[3] ?? '').length === 2;
    if (short) y += y < 50 ? 2000 : 1900;
    let dayFirst = order !== 'mdy';
    if (a > 12 && b <= 12) dayFirst = true;
    else if (b > 12 && a <= 12) dayFirst = false;
    const v = dayFirst ? build(y, b, a, m[4], m[5], m[6]) : build(y, a, b, m[4], m[5], m[6]);
    if (!v) return bad('invalid-date', INVALID);
    if (order === null && a <= 12 && b <= 12 && a !== b) {
      return warn(v, 'ambiguous-date', `could be day/month or month/day; it was read as ${v} (day first).`, { read: v });
    }
    if (short) return warn(v, 'unusual-value', `has a two-digit year; it was read as ${v}.`, { read: v });
    return ok(v);
  }
  m = HU_MONTH_RE.exec(t);
  if (m) {
    const v = build(Number(m[1]), huMonth(m[2] ?? ''), Number(m[3]));
    return v ? ok(v) : bad('invalid-date', INVALID);
  }
  if (SERIAL_RE.test(t)) {
    const n = Number(t);
    const v = n >= 20000 && n < 80000 ? excelSerialToDate(n) : null;
    if (v) return warn(v, 'unusual-value', `looks like an Excel day number; it was read as ${v}.`, { read: v });
  }
  return bad('invalid-date', INVALID);
}

/** Learns day/month order from a column: a first part above 12 means day first, a second part above 12 month first. */
export function inferDateOrder(values: readonly string[]): DateOrder {
  let dmy = 0;
  let mdy = 0;
  for (const raw of values) {
    const m = DMY_RE.exec(raw.trim());
    if (!m) continue;
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (a > 12 && b <= 12) dmy++;
    else if (b > 12 && a <= 12) mdy++;
  }
  if (dmy > 0 && mdy === 0) return 'dmy';
  if (mdy > 0 && dmy === 0) return 'mdy';
  return null;
}
