/**
 * The CSV grammar, written here rather than taken from papaparse because reading a file in
 * parallel needs what no streaming parser offers: the same records from any record start, and
 * the state at a chunk boundary decided afterwards (csv-index.ts). Excel's reading is the model:
 * - a field that starts with `"` is quoted: `""` is a quote, the next lone `"` closes it, and
 *   anything after the closing quote up to the delimiter is kept as it stands (`"ab"c` -> `abc`);
 * - a quote inside an unquoted field is an ordinary character (`5" monitor`);
 * - a record ends at the newline outside quotes; one `\r` before a `\n` is dropped (CRLF files and
 *   files that mix CRLF and LF read alike); a quoted field keeps its line breaks exactly.
 * Positions are character offsets in the decoded text.
 */

import { LIMITS } from './workbook-limits';

export const QUOTE = 34;
const CR = 13;

export interface CsvGrammar {
  /** Character code of the delimiter. */
  readonly delimiter: number;
  /** 10 (`\n`, also CRLF) or 13 (a lone `\r`, old Mac exports). */
  readonly newline: 10 | 13;
}

/** A record that does not end before the text does: more text is needed, or at the end a quote never closes. */
export const INCOMPLETE = -1;
/** The text ends inside a quoted field (only reported when `final`). */
export const UNCLOSED = -2;
/**
 * A record with more than LIMITS.columns cells (only when its cells are made): no sheet holds
 * them, and a line of millions of delimiters would otherwise become millions of strings.
 */
export const TOO_WIDE = -3;

/**
 * Reads one record of `text` starting at `pos`, a record start. Returns the position after its
 * newline (or `text.length` for a last record without one), INCOMPLETE when the record runs past
 * the end of a text that is not `final`, UNCLOSED when a final text ends inside quotes, or
 * TOO_WIDE (all cells wanted) past LIMITS.columns cells.
 * `cells`, when given, receives the fields; `only` >= 0 keeps just that field (cells[0]) and
 * skips the others cheaply.
 */
export class CsvScanner {
  private nextDelim = -1;
  private nextNl = -1;
  private text = '';
  private readonly delim: string;
  private readonly nl: string;

  constructor(private readonly g: CsvGrammar) {
    this.delim = String.fromCharCode(g.delimiter);
    this.nl = g.newline === 10 ? '\n' : '\r';
  }

  /** Forget cached search positions (call when switching to another text). */
  reset(text: string): void {
    this.text = text;
    this.nextDelim = -1;
    this.nextNl = -1;
  }

  record(pos: number, final: boolean, cells: string[] | null, only = -1, inQuotes = false): number {
    const text = this.text;
    const len = text.length;
    const { delimiter, newline } = this.g;
    if (cells) cells.length = 0;
    const maxField = cells !== null && only < 0 ? LIMITS.columns : Infinity;
    let field = 0;
    let p = pos;
    // `inQuotes`: the record began before `pos`, inside a quoted field (a piece that starts there).
    let opened = inQuotes;
    for (;;) {
      // Past the one field wanted: only where the record ends matters.
      if (only >= 0 && field > only && !opened) return this.skipRecord(p, final);
      const want = cells !== null && (only < 0 || only === field);
      if (opened || (p < len && text.charCodeAt(p) === QUOTE)) {
        // Quoted: find the closing quote, then keep what follows up to the delimiter or newline.
        let k = opened ? p : p + 1;
        opened = false;
        let parts: string | null = want ? '' : null;
        let from = k;
        for (;;) {
          const q = text.indexOf('"', k);
          if (q < 0 || (q + 1 === len && !final)) return final ? UNCLOSED : INCOMPLETE;
          if (text.charCodeAt(q + 1) === QUOTE) {
            if (parts !== null) parts += text.slice(from, q + 1);
            k = q + 2;
            from = k;
            continue;
          }
          if (parts !== null) parts += text.slice(from, q);
          p = q + 1;
          break;
        }
        const end = this.fieldEnd(p, final);
        if (end === INCOMPLETE) return INCOMPLETE;
        const stop = end < len ? text.charCodeAt(end) : -1;
        if (parts !== null) cells!.push(end > p ? parts + this.unquotedTail(p, end, stop) : parts);
        if (stop === delimiter) {
          p = end + 1;
          if (++field >= maxField) return TOO_WIDE;
          continue;
        }
        return stop === newline ? end + 1 : len;
      }
      const end = this.fieldEnd(p, final);
      if (end === INCOMPLETE) return INCOMPLETE;
      const stop = end < len ? text.charCodeAt(end) : -1;
      if (want) cells!.push(this.unquotedTail(p, end, stop));
      if (stop === delimiter) {
        p = end + 1;
        if (++field >= maxField) return TOO_WIDE;
        continue;
      }
      return stop === newline ? end + 1 : len;
    }
  }

  /**
   * The end of the record whose field starts at `p`, without making its fields: a quote opens a
   * quoted field only at a field's start (after a delimiter), so the quotes between `p` and the
   * next newline are all that needs a look.
   */
  private skipRecord(p: number, final: boolean): number {
    const text = this.text;
    const len = text.length;
    let fieldStart = p;
    for (;;) {
      const nl = text.indexOf(this.nl, p);
      const q = text.indexOf('"', p);
      if (q < 0 || (nl >= 0 && q > nl)) return nl >= 0 ? nl + 1 : final ? len : INCOMPLETE;
      if (q !== fieldStart && text.charCodeAt(q - 1) !== this.g.delimiter) {
        p = q + 1;
        continue;
      }
      // A quoted field: past its closing quote (a doubled quote is a quote).
      let k = q + 1;
      for (;;) {
        const c = text.indexOf('"', k);
        if (c < 0 || (c + 1 === len && !final)) return final ? UNCLOSED : INCOMPLETE;
        if (text.charCodeAt(c + 1) === QUOTE) {
          k = c + 2;
          continue;
        }
        p = c + 1;
        break;
      }
      // The next field can only start after a delimiter.
      fieldStart = -1;
      const d = text.indexOf(this.delim, p);
      const n2 = text.indexOf(this.nl, p);
      if (d >= 0 && (n2 < 0 || d < n2)) {
        fieldStart = d + 1;
        p = d + 1;
      } else return n2 >= 0 ? n2 + 1 : final ? len : INCOMPLETE;
    }
  }

  /** The field's text from `p` to `end`, without the `\r` of a CRLF that ends the record. */
  private unquotedTail(p: number, end: number, stop: number): string {
    const text = this.text;
    if (stop === 10 && end > p && text.charCodeAt(end - 1) === CR) return text.slice(p, end - 1);
    if (stop === -1 && end > p && text.charCodeAt(end - 1) === CR && end === text.length) return text.slice(p, end - 1);
    return text.slice(p, end);
  }

  /** Where the unquoted part starting at `p` stops: the next delimiter or newline, or the end. */
  private fieldEnd(p: number, final: boolean): number {
    const text = this.text;
    // A cached position at or after `p` is still the next one (nothing lay between).
    if (this.nextDelim < p) {
      const d = text.indexOf(this.delim, p);
      this.nextDelim = d < 0 ? Infinity : d;
    }
    if (this.nextNl < p) {
      const n = text.indexOf(this.nl, p);
      this.nextNl = n < 0 ? Infinity : n;
    }
    const end = Math.min(this.nextDelim, this.nextNl);
    if (end !== Infinity) return end;
    return final ? text.length : INCOMPLETE;
  }
}

/** `="0161"`: how exports keep leading zeros when Excel opens the CSV; users see `0161`. */
const EXCEL_TEXT = /^="(.*)"$/s;

/** A CSV field as the user sees it in Excel. */
export function csvCellText(v: string): string {
  if (v.charCodeAt(0) === 61 && v.charCodeAt(1) === QUOTE) {
    const m = EXCEL_TEXT.exec(v);
    if (m) return (m[1] as string).replace(/""/g, '"');
  }
  return v;
}
