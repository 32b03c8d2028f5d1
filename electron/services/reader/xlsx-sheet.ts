import type { CellValue } from '../../../shared/domain/cell';
import { columnLetter } from '../../../shared/domain/cell';
import type { RawRow } from './header';
import type { XmlHandler, XmlTag } from './xml-stream';
import { attr } from './xml-stream';
import type { SharedStringTable } from './xlsx-shared-strings';
import type { StyleFormats } from './xlsx-styles';
import { isSpreadsheetNs, parseCellRef } from './xlsx-names';
import { decodeExcelEscapes, formatKind, isoCell, numberCell, textCell } from './cell-values';
import { LIMITS, XML_TEXT_CHARS, damaged, overLimit, thousands } from './workbook-limits';

/**
 * One worksheet's `<sheetData>`, cell by cell, as SAX events arrive. Positions come from `r` when
 * present and follow from order when not (ECMA-376 makes both optional). Values are read as Excel
 * shows them: cached formula results (0 and FALSE included), shared and inline strings (only the
 * text of `<t>`, phonetic runs left out), `t="d"` ISO dates, error codes, and a formula saved
 * without a result as such. Completed rows collect in `rows` for the caller to take.
 */
export interface SheetReading {
  readonly fileName: string;
  readonly sheet: string;
  /** Null when only peeking: a shared-string cell then counts as filled without a lookup. */
  readonly strings: SharedStringTable | null;
  readonly formats: StyleFormats;
  readonly date1904: boolean;
}

export class XlsxSheetHandler implements XmlHandler {
  rows: RawRow[] = [];
  /** Last row number seen (progress). */
  lastRow = 0;
  /** The `<dimension>`'s last row, when the sheet states one. */
  declaredRows: number | null = null;
  /** `</sheetData>` was reached: nothing after it is needed. */
  done = false;

  private inData = false;
  private rowNum = 0;
  private cells: CellValue[] | null = null;
  private nextCol = 0;
  // The open cell.
  private col = -1;
  private type = 'n';
  private style = 0;
  private vSeen = false;
  private fSeen = false;
  private inV = false;
  private inF = false;
  private inIs = false;
  private inT = false;
  private phonetic = 0;
  private v = '';
  private f = '';
  private is = '';
  private sharedIndex: string | undefined;
  private readonly sharedFormulas = new Map<string, string>();

  constructor(private readonly r: SheetReading) {}

  open = (tag: XmlTag): void => {
    if (!isSpreadsheetNs(tag.uri)) return;
    switch (tag.local) {
      case 'c': return this.openCell(tag);
      case 'v': this.inV = true; this.vSeen = true; this.v = ''; return;
      case 'f':
        this.inF = true;
        this.fSeen = true;
        this.f = '';
        this.sharedIndex = attr(tag, 't') === 'shared' ? attr(tag, 'si') : undefined;
        return;
      case 'is': this.inIs = true; this.is = ''; return;
      case 't': if (this.inIs && this.phonetic === 0) this.inT = true; return;
      case 'rPh': this.phonetic++; return;
      case 'row': return this.openRow(tag);
      case 'sheetData': this.inData = true; return;
      case 'dimension': {
        const ref = attr(tag, 'ref') ?? '';
        const last = parseCellRef(ref.slice(ref.indexOf(':') + 1));
        if (last && last.row > 0) this.declaredRows = last.row;
        return;
      }
    }
  };

  text = (s: string): void => {
    if (this.inV) this.v += s;
    else if (this.inT) this.is += s;
    else if (this.inF) this.f += s;
    else return;
    if (this.v.length + this.is.length > XML_TEXT_CHARS) this.tooLong();
  };

  close = (tag: XmlTag): void => {
    if (!isSpreadsheetNs(tag.uri)) return;
    switch (tag.local) {
      case 'c': return this.closeCell();
      case 'v': this.inV = false; return;
      case 'f':
        this.inF = false;
        if (this.sharedIndex !== undefined) {
          if (this.f !== '') this.sharedFormulas.set(this.sharedIndex, this.f);
          else this.f = this.sharedFormulas.get(this.sharedIndex) ?? '';
        }
        return;
      case 't': this.inT = false; return;
      case 'rPh': this.phonetic--; return;
      case 'is': this.inIs = false; return;
      case 'row': return this.closeRow();
      case 'sheetData': this.inData = false; this.done = true; return;
    }
  };

  private openRow(tag: XmlTag): void {
    if (!this.inData) return;
    const r = attr(tag, 'r');
    const n = r === undefined ? this.rowNum + 1 : Number(r);
    if (!Number.isInteger(n) || n <= this.rowNum) {
      throw damaged(this.r.fileName, `sheet "${this.r.sheet}" lists row ${r ?? n} after row ${this.rowNum}`);
    }
    if (n > LIMITS.rows) throw overLimit(this.r.fileName, `sheet "${this.r.sheet}" has rows past ${thousands(LIMITS.rows)}, Excel's last row`);
    this.rowNum = n;
    this.lastRow = n;
    this.cells = [];
    this.nextCol = 0;
  }

  private closeRow(): void {
    const cells = this.cells;
    if (!cells) return;
    this.cells = null;
    let n = cells.length;
    while (n > 0 && cells[n - 1] === null) n--;
    cells.length = n;
    if (n > 0) this.rows.push({ row: this.rowNum, cells });
  }

  private openCell(tag: XmlTag): void {
    if (!this.cells) {
      if (this.inData) throw damaged(this.r.fileName, `sheet "${this.r.sheet}" has a cell outside any row`);
      return;
    }
    // One walk over the attributes (r, t, s are unprefixed, so in no namespace).
    let ref: string | undefined;
    let type = 'n';
    let style = 0;
    for (const k in tag.attributes) {
      const a = tag.attributes[k]!;
      if (a.uri !== '') continue;
      if (a.local === 'r') ref = a.value;
      else if (a.local === 't') type = a.value;
      else if (a.local === 's') style = Number(a.value) || 0;
    }
    let col = this.nextCol;
    if (ref !== undefined) {
      const p = parseCellRef(ref);
      if (!p) throw damaged(this.r.fileName, `sheet "${this.r.sheet}" names a cell "${ref.slice(0, 20)}"`);
      col = p.col;
    }
    if (col >= LIMITS.columns) {
      throw overLimit(this.r.fileName, `row ${this.rowNum} of sheet "${this.r.sheet}" has cells past column ${columnLetter(LIMITS.columns - 1)}, Excel's last column`);
    }
    this.col = col;
    this.type = type;
    this.style = style;
    this.vSeen = this.fSeen = false;
    this.v = this.f = this.is = '';
    this.sharedIndex = undefined;
  }

  private closeCell(): void {
    const cells = this.cells;
    if (!cells || this.col < 0) return;
    const value = this.value();
    const col = this.col;
    this.col = -1;
    this.nextCol = col + 1;
    if (value === null) return;
    while (cells.length < col) cells.push(null);
    cells[col] = value;
  }

  private value(): CellValue {
    const uncached = this.fSeen ? { formula: this.f } : null;
    switch (this.type) {
      case 's': {
        if (!this.vSeen) return null;
        if (this.r.strings === null) return this.v === '' ? null : this.v;
        const s = this.r.strings.get(Number(this.v));
        if (s === undefined) {
          throw damaged(this.r.fileName, `cell ${this.where()} refers to shared text ${this.v.trim().slice(0, 12)}, which the workbook does not have`);
        }
        return textCell(s);
      }
      case 'inlineStr': return this.textValue(this.is !== "" || !this.vSeen ? this.is : this.v);
      case 'str': return this.vSeen ? this.textValue(this.v) : uncached;
      case 'b': {
        const b = this.v.trim();
        if (b === '') return this.vSeen ? null : uncached;
        return b === '1' || b.toLowerCase() === 'true';
      }
      case 'e': return this.v.trim() === '' ? uncached : { error: this.v.trim() };
      case 'd': {
        if (this.v.trim() === '') return uncached;
        const kind = formatKind(this.r.formats[this.style]);
        return isoCell(this.v, kind === 'time' || kind === 'duration');
      }
      default: {
        if (this.v.trim() === '') return uncached;
        const n = Number(this.v);
        return Number.isNaN(n) ? this.textValue(this.v) : numberCell(n, this.r.formats[this.style], this.r.date1904);
      }
    }
  }

  private textValue(raw: string): CellValue {
    const s = decodeExcelEscapes(raw);
    if (s.length > LIMITS.cellChars) this.tooLong();
    return textCell(s);
  }

  private where(): string {
    return `${columnLetter(this.col)}${this.rowNum} of sheet "${this.r.sheet}"`;
  }

  private tooLong(): never {
    throw overLimit(this.r.fileName, `cell ${this.where()} holds more than ${thousands(LIMITS.cellChars)} characters, more than Excel allows in a cell`,
      { row: this.rowNum, column: columnLetter(this.col) });
  }
}
