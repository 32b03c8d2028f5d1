import type { CellValue } from '../../../shared/domain/cell';
import { ssf } from './sheetjs';

/**
 * Turning workbook cells into what the user sees. Numbers keep 15 significant digits (Excel's own
 * precision, so 0.1+0.2 reads 0.3), dates become `{ date }` instead of serials, times and
 * durations `{ time }`, percentages keep their number and their shown text, and numbers whose
 * format pads them (postal code `0161` stored as 161 with format `0000`) come out as that text.
 */
export function roundNumber(v: number): number {
  if (Number.isInteger(v) || !Number.isFinite(v)) return v;
  return Number(v.toPrecision(15));
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

function dateText(y: number, m: number, d: number, hh: number, mm: number, ss: number): string {
  const day = `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
  return hh === 0 && mm === 0 && ss === 0 ? day : `${day} ${pad(hh)}:${pad(mm)}:${pad(ss)}`;
}

/** SheetJS builds dates in UTC from the serial; round to the second to undo float noise. */
export function dateFromJs(d: Date): CellValue {
  const t = d.getTime();
  if (Number.isNaN(t)) return null;
  const r = new Date(Math.round(t / 1000) * 1000);
  return { date: dateText(r.getUTCFullYear(), r.getUTCMonth() + 1, r.getUTCDate(), r.getUTCHours(), r.getUTCMinutes(), r.getUTCSeconds()) };
}

export function dateFromSerial(serial: number, date1904: boolean): CellValue {
  const c = ssf().parse_date_code(serial, { date1904 });
  if (!c) return roundNumber(serial);
  return { date: dateText(c.y, c.m, c.d, c.H, c.M, c.S) };
}

/** A time of day (the fraction of a serial) or, for `[h]`-style formats, a duration of any length. */
export function timeFromSerial(serial: number, duration: boolean): CellValue {
  const sign = serial < 0 ? '-' : '';
  let seconds = Math.round(Math.abs(serial) * 86_400);
  if (!duration) seconds %= 86_400;
  const h = Math.floor(seconds / 3600);
  return { time: `${sign}${pad(h)}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}` };
}

const ISO = /^(?:(\d{4,})-(\d\d)-(\d\d))?(?:T?(\d\d):(\d\d)(?::(\d\d)(?:[.,]\d+)?)?)?(?:Z|[+-]\d\d:?\d\d)?$/;

/** An ISO 8601 value (XLSX `t="d"` cells, ODS date values): `{ date }`, or `{ time }` without a day. */
export function isoCell(text: string, timeOnly = false): CellValue {
  const m = ISO.exec(text.trim());
  if (!m || (m[1] === undefined && m[4] === undefined)) return text.trim() === '' ? null : text;
  const [hh, mm, ss] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  // 1899-12-30/31 is what spreadsheets write for "no day, only a time".
  if (m[1] === undefined || timeOnly || (m[1] === '1899' && m[2] === '12' && (m[3] === '30' || m[3] === '31'))) {
    return { time: `${pad(hh)}:${pad(mm)}:${pad(ss)}` };
  }
  return { date: dateText(Number(m[1]), Number(m[2]), Number(m[3]), hh, mm, ss) };
}

export type FormatKind = 'general' | 'date' | 'time' | 'duration' | 'percent' | 'textlike' | 'number';

const fmtKind = new Map<string, FormatKind>();

/** Classifies a number format once (formats repeat across millions of cells). */
export function formatKind(fmt: string | undefined): FormatKind {
  if (!fmt) return 'general';
  let k = fmtKind.get(fmt);
  if (k) return k;
  k = classifyFormat(fmt);
  fmtKind.set(fmt, k);
  return k;
}

function classifyFormat(fmt: string): FormatKind {
  if (/^general$/i.test(fmt) || fmt === '@') return 'general';
  let isDate = false;
  try {
    isDate = ssf().is_date(fmt);
  } catch {
    isDate = false;
  }
  // Only the positive section matters here; strip colours/conditions, quoted literals and escapes.
  const first = fmt.split(';')[0] ?? '';
  const elapsed = /\[(h+|m+|s+)\]/i.test(first);
  const bare = first.replace(/\[[^\]]*\]/g, '').replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/_.|\*./g, '');
  if (isDate) return /[dy]/i.test(bare) || /m{3,}/i.test(bare) ? 'date' : elapsed ? 'duration' : 'time';
  if (bare.includes('%')) return 'percent';
  // Zero-padded integer formats (`0000`, `00000`, `"HU-"0000`, `000-000`): the padding is the value.
  if (/0{2,}/.test(bare) && !/[.,%Ee/#?]/.test(bare) && /^[0\s\-()]+$/.test(bare)) return 'textlike';
  return 'number';
}

/** A numeric cell as the user sees it, given its number format. */
export function numberCell(v: number, fmt: string | undefined, date1904: boolean): CellValue {
  if (!Number.isFinite(v)) return null;
  const kind = formatKind(fmt);
  if (kind === 'general' || kind === 'number') return roundNumber(v);
  if (kind === 'date') return dateFromSerial(v, date1904);
  if (kind === 'time' || kind === 'duration') return timeFromSerial(v, kind === 'duration');
  try {
    const shown = ssf().format(fmt as string, v, { date1904 });
    return kind === 'percent' ? { number: roundNumber(v), shown } : shown;
  } catch {
    return roundNumber(v);
  }
}

/**
 * V8 makes substrings of 13+ characters views into their parent string (a file chunk, a sheet's
 * XML), so one kept cell (an issue's value, an Id in a Set) would keep the whole parent alive:
 * keeping a cell from every 500th row of a 1M-row CSV held 650 MB. A copy of its own cuts the link.
 */
export function detachString(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** A text cell: an empty string is an empty cell (whitespace is kept; the validator trims). */
export function textCell(s: string): CellValue {
  return s === '' ? null : detachString(s);
}

/**
 * Excel's `_xHHHH_` escapes for characters XML cannot hold (`_x000D_` is a CR, `_x005F_` an
 * underscore). Excel writes a cell's CR LF as `_x000D_` and a line end: one line break, as Excel
 * and LibreOffice show it.
 */
export function decodeExcelEscapes(s: string): string {
  if (!s.includes('_x')) return s;
  const out = s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return out.includes('\r\n') ? out.replace(/\r\n/g, '\n') : out;
}
