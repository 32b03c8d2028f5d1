import type { CellValue, SourceRow } from '../domain/cell';
import type { RowIssue } from '../domain/issue';
import type { FieldType } from '../profile/profile-types';
import { cleanText } from '../validation/text-clean';
import { parseIntegerText, parseNumberText, numberToPlain, type DecimalHint } from '../validation/number-parse';
import { excelSerialToDate, parseDateText, type DateOrder } from '../validation/date-parse';
import { checkEmail, displayName, splitEmailList } from '../validation/email';
import { makePhoneNormaliser, PHONE_SPLIT_RE } from '../validation/phone';
import { normaliseUrl } from '../validation/web-address';
import { bad, type Parsed, type Problem } from '../validation/parsed';
import { leftOutIssue, makeIssue } from './row-issue';
import { fastNamePath, fastPathFor, type FastPath } from '../validation/fast-paths';

/** Extra check applied to a value after its type parser (schema: options, lengths). */
export type PostCheck = (value: string) => Parsed | null;

/**
 * One mapped field, compiled: where its value comes from and how it is cleaned. Built once per
 * compileMapping so that mapRow only indexes an array and calls prepared functions.
 */
export interface Slot {
  /** Column index, or -1 for a constant. */
  readonly index: number;
  /** Pre-cleaned constant (`{ "value": … }`). */
  readonly constant: string | null;
  readonly header: string;
  /** Issue path, e.g. `contacts[1].Emails`. */
  readonly field: string;
  readonly type: FieldType;
  readonly parseText: (s: string) => Parsed;
  readonly parseOther: (c: Exclude<CellValue, string | null>) => Parsed;
  /** Splits a cell of several values (`split: true`): e-mail address lists, phones apart by `,` `;` or lines. */
  readonly split: ((cell: string) => string[]) | null;
  /** A bad value is left out with a `value-left-out` warning instead of an error (profile `onError`). */
  readonly leaveOut: boolean;
  /** Clean-case shortcut (no Parsed allocated); undefined answers go to parseText. */
  readonly fast: FastPath | null;
  /**
   * readSlot / readSlotList bound to this slot. The hot path calls these properties rather than
   * the imported functions: under tsx (CLI, bench) every imported binding is a getter call.
   */
  read(row: SourceRow, issues: RowIssue[]): string | null;
  readList(row: SourceRow, issues: RowIssue[], out: string[], at: number): number;
}

function bind(s: Omit<Slot, 'read' | 'readList'>): Slot {
  const slot = s as Slot;
  slot.read = (row, issues) => readSlot(slot, row, issues);
  slot.readList = (row, issues, out, at) => readSlotList(slot, row, issues, out, at);
  return slot;
}

export interface SlotOptions {
  type: FieldType;
  phoneRegion: string;
  decimal: DecimalHint;
  dateOrder: DateOrder;
  post: PostCheck | null;
  leaveOut: boolean;
  /** A person's name field: `Nagy Gábor <gabor@example.hu>` gives `Nagy Gábor`. */
  name?: boolean;
}

const MEMO_MAX = 50_000;

/** Caches a parser's result for values that repeat (dates, statuses, owners); bounded by clearing. */
function memo(fn: (s: string) => Parsed): (s: string) => Parsed {
  const cache = new Map<string, Parsed>();
  return (s) => {
    let r = cache.get(s);
    if (r === undefined) {
      r = fn(s);
      if (cache.size >= MEMO_MAX) cache.clear();
      cache.set(s, r);
    }
    return r;
  };
}

function baseParser(o: SlotOptions): (s: string) => Parsed {
  switch (o.type) {
    case 'integer': return (s) => parseIntegerText(s, o.decimal);
    case 'number': return (s) => parseNumberText(s, o.decimal);
    case 'date': return (s) => parseDateText(s, o.dateOrder);
    case 'email': return checkEmail;
    case 'phone': return makePhoneNormaliser(o.phoneRegion);
    case 'url': return normaliseUrl;
    default: return o.name ? nameText : cleanText;
  }
}

/** A name field keeps the display name of a `Name <address>` cell (the address belongs to an e-mail field). */
function nameText(s: string): Parsed {
  const name = displayName(s);
  return cleanText(name ?? s);
}

const splitPhones = (cell: string): string[] => cell.split(PHONE_SPLIT_RE);

function withPost(fn: (s: string) => Parsed, post: PostCheck | null): (s: string) => Parsed {
  if (!post) return fn;
  return (s) => {
    const p = fn(s);
    if (p.value === null || p.problem?.severity === 'error') return p;
    return post(p.value) ?? p;
  };
}

const notA = (type: FieldType): Parsed =>
  type === 'date' ? bad('invalid-date', 'is not a date.')
    : type === 'integer' ? bad('invalid-integer', 'is not a whole number.')
      : bad('invalid-number', 'is not a number.');

/** Cells that are not text: numbers, booleans and date cells, per target type. */
function otherParser(o: SlotOptions, text: (s: string) => Parsed): (c: Exclude<CellValue, string | null>) => Parsed {
  const numeric = o.type === 'number' || o.type === 'integer' || o.type === 'date';
  return (c) => {
    if (typeof c === 'number') {
      if (o.type === 'number') return Number.isFinite(c) ? { value: numberToPlain(c) } : notA('number');
      if (o.type === 'integer') return Number.isInteger(c) ? { value: numberToPlain(c) } : notA('integer');
      if (o.type === 'date') {
        const d = excelSerialToDate(c);
        return d ? { value: d } : notA('date');
      }
      return text(numberToPlain(c));
    }
    if (typeof c === 'boolean') return numeric ? notA(o.type) : text(c ? 'TRUE' : 'FALSE');
    if (o.type === 'date') return parseDateText(c.date, 'dmy');
    return numeric ? notA(o.type) : text(c.date);
  };
}

export function makeSlot(index: number, header: string, field: string, o: SlotOptions, split = false): Slot {
  const base = withPost(baseParser(o), o.post);
  // Phones memoise inside their normaliser (after the fast path), so unique numbers cost no cache churn.
  const cached = o.type === 'date' || o.post !== null ? memo(base) : base;
  return bind({
    index,
    constant: null,
    header,
    field,
    type: o.type,
    parseText: cached,
    parseOther: withPostOther(otherParser(o, base), o.post),
    split: split ? (o.type === 'phone' ? splitPhones : splitEmailList) : null,
    leaveOut: o.leaveOut,
    // Schema checks must see every value, so they go through the (memoised) full parser.
    fast: o.post !== null ? null : o.name && o.type === 'text' ? fastNamePath : fastPathFor(o.type, o.phoneRegion),
  });
}

function withPostOther(
  fn: (c: Exclude<CellValue, string | null>) => Parsed,
  post: PostCheck | null,
): (c: Exclude<CellValue, string | null>) => Parsed {
  if (!post) return fn;
  return (c) => {
    const p = fn(c);
    if (p.value === null || p.problem?.severity === 'error') return p;
    return post(p.value) ?? p;
  };
}

/** A constant slot; the value was already cleaned when the mapping was compiled. */
export function constantSlot(field: string, type: FieldType, value: string): Slot {
  return bind({
    index: -1, constant: value, header: '', field, type,
    parseText: () => ({ value }), parseOther: () => ({ value }), split: null, leaveOut: false, fast: null,
  });
}

function typed(c: CellValue): string {
  if (c === null) return '';
  if (typeof c === 'string') return c;
  if (typeof c === 'number') return numberToPlain(c);
  if (typeof c === 'boolean') return c ? 'TRUE' : 'FALSE';
  return c.date;
}

/** The cleaned value of one field for one row; problems are pushed as issues. */
export function readSlot(s: Slot, row: SourceRow, issues: RowIssue[]): string | null {
  if (s.index < 0) return s.constant;
  const c = row.cells[s.index];
  if (c === undefined || c === null || c === '') return null;
  if (typeof c === 'string' && s.fast !== null) {
    const v = s.fast(c);
    if (v !== undefined) return v;
  }
  const p = typeof c === 'string' ? s.parseText(c) : s.parseOther(c);
  return p.problem ? report(s, row.row, typed(c), p, issues) : p.value;
}

/** A value's problem as the row's issue; under `leave-out` an error becomes a warning and the value is not sent. */
function report(s: Slot, row: number, value: string, p: Parsed, issues: RowIssue[]): string | null {
  const problem = p.problem as Problem;
  if (s.leaveOut && problem.severity === 'error') {
    issues.push(leftOutIssue(row, s.header, s.field, value, problem));
    return null;
  }
  issues.push(makeIssue(row, s.header, s.field, value, problem));
  return p.value;
}

/** Values of a list field (e-mails, phones) written to `out` from index `at`; a `split` cell yields several. Returns the new end. */
export function readSlotList(s: Slot, row: SourceRow, issues: RowIssue[], out: string[], at: number): number {
  const c = s.index < 0 ? s.constant : row.cells[s.index];
  if (c === undefined || c === null || c === '') return at;
  // Most cells hold one clean value: try that before splitting (a split allocates an array).
  if (typeof c === 'string' && s.fast !== null) {
    const v = s.fast(c);
    if (v !== undefined) {
      out[at] = v;
      return at + 1;
    }
  }
  if (s.split === null || typeof c !== 'string') {
    const v = s.index < 0 ? (c as string) : readSlot(s, row, issues);
    if (v !== null) out[at++] = v;
    return at;
  }
  const parts = s.split(c);
  for (const part of parts) {
    if (part.trim() === '') continue;
    const v = s.fast === null ? undefined : s.fast(part);
    if (v !== undefined) {
      out[at++] = v;
      continue;
    }
    const p = s.parseText(part);
    const value = p.problem ? report(s, row.row, part.trim(), p, issues) : p.value;
    if (value !== null) out[at++] = value;
  }
  return at;
}
