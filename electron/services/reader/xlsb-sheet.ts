import type { CellValue } from '../../../shared/domain/cell';
import { columnLetter } from '../../../shared/domain/cell';
import type { RawRow } from './header';
import type { SheetReading } from './xlsx-sheet';
import { rkNumber, wideString, type XlsbRecord } from './xlsb-records';
import { numberCell, textCell } from './cell-values';
import { LIMITS, damaged, overLimit, thousands } from './workbook-limits';

/**
 * One XLSB worksheet's cell records ([MS-XLSB] 2.4), turned into the same values as the XLSX
 * reader gives for the same workbook. "Short" cell records leave out the column: it is the one
 * after the previous cell.
 */
const ROW_HDR = 0x00;
const END_SHEET_DATA = 0x92;
const WS_DIM = 0x94;
const BEGIN_SHEET_DATA = 0x91;

/** BIFF error codes ([MS-XLSB] 2.5.97.2). */
const ERRORS: Record<number, string> = {
  0x00: '#NULL!', 0x07: '#DIV/0!', 0x0f: '#VALUE!', 0x17: '#REF!', 0x1d: '#NAME?', 0x24: '#NUM!', 0x2a: '#N/A', 0x2b: '#GETTING_DATA',
};

export class XlsbSheetHandler {
  rows: RawRow[] = [];
  lastRow = 0;
  declaredRows: number | null = null;
  done = false;

  private inData = false;
  private rowNum = 0;
  private cells: CellValue[] | null = null;
  private col = -1;

  constructor(private readonly r: SheetReading) {}

  record(rec: XlsbRecord): void {
    const t = rec.type;
    if (t <= 0x12 || t === 0x3e) {
      if (t === ROW_HDR) this.openRow(rec.data);
      else if (this.inData) this.cell(t, rec.data);
    } else if (t === BEGIN_SHEET_DATA) this.inData = true;
    else if (t === END_SHEET_DATA) {
      this.flushRow();
      this.inData = false;
      this.done = true;
    } else if (t === WS_DIM && rec.data.length >= 8) this.declaredRows = rec.data.readUInt32LE(4) + 1;
  }

  private openRow(d: Buffer): void {
    if (!this.inData) return;
    this.flushRow();
    if (d.length < 4) throw this.broken();
    const n = d.readUInt32LE(0) + 1;
    if (n <= this.rowNum) throw damaged(this.r.fileName, `sheet "${this.r.sheet}" lists row ${n} after row ${this.rowNum}`);
    if (n > LIMITS.rows) throw overLimit(this.r.fileName, `sheet "${this.r.sheet}" has rows past ${thousands(LIMITS.rows)}, Excel's last row`);
    this.rowNum = this.lastRow = n;
    this.cells = [];
    this.col = -1;
  }

  /** The part ended without closing its sheet data: the last row still counts. */
  finish(): void {
    this.flushRow();
  }

  private flushRow(): void {
    const cells = this.cells;
    this.cells = null;
    if (!cells) return;
    let n = cells.length;
    while (n > 0 && cells[n - 1] === null) n--;
    cells.length = n;
    if (n > 0) this.rows.push({ row: this.rowNum, cells });
  }

  private cell(t: number, d: Buffer): void {
    if (!this.cells) throw damaged(this.r.fileName, `sheet "${this.r.sheet}" has a cell outside any row`);
    // Full cells (0x01-0x0B, 0x3E) start with the column; short ones (0x0C-0x12) do not.
    const short = t >= 0x0c && t <= 0x12;
    const at = short ? 4 : 8;
    if (d.length < at) throw this.broken();
    const col = short ? this.col + 1 : d.readUInt32LE(0);
    if (col >= LIMITS.columns) {
      throw overLimit(this.r.fileName, `row ${this.rowNum} of sheet "${this.r.sheet}" has cells past column ${columnLetter(LIMITS.columns - 1)}, Excel's last column`);
    }
    this.col = col;
    const style = (short ? d.readUIntLE(0, 3) : d.readUIntLE(4, 3));
    const value = this.value(short ? t - 0x0b : t, d, at, style);
    if (value === null) return;
    while (this.cells.length < col) this.cells.push(null);
    this.cells[col] = value;
  }

  /** `kind` as the full record types: 1 blank, 2 RK, 3 error, 4 bool, 5 real, 6 string, 7 shared string, 8-11 formulas, 0x3E rich string. */
  private value(kind: number, d: Buffer, at: number, style: number): CellValue {
    const number = (n: number): CellValue => numberCell(n, this.r.formats[style], this.r.date1904);
    switch (kind) {
      case 1: return null;
      case 2: return this.need(d, at + 4) && number(rkNumber(d, at));
      case 3: case 11: return this.need(d, at + 1) && { error: ERRORS[d[at] as number] ?? '#N/A' };
      case 4: case 10: return this.need(d, at + 1) && d[at] !== 0;
      case 5: case 9: return this.need(d, at + 8) && number(d.readDoubleLE(at));
      case 6: case 8: return this.text(wideString(d, at));
      case 0x3e: return this.text(wideString(d, at + 1));
      case 7: {
        if (!this.need(d, at + 4)) return null;
        if (this.r.strings === null) return '#';
        const i = d.readUInt32LE(at);
        const s = this.r.strings.get(i);
        if (s === undefined) throw damaged(this.r.fileName, `cell ${this.where()} refers to shared text ${i}, which the workbook does not have`);
        return textCell(s);
      }
      default: return null;
    }
  }

  private text(s: { text: string } | null): CellValue {
    if (!s) throw this.broken();
    if (s.text.length > LIMITS.cellChars) {
      throw overLimit(this.r.fileName, `cell ${this.where()} holds more than ${thousands(LIMITS.cellChars)} characters, more than Excel allows in a cell`);
    }
    return textCell(s.text);
  }

  private need(d: Buffer, end: number): true {
    if (d.length < end) throw this.broken();
    return true;
  }

  private where(): string {
    return `${columnLetter(this.col)}${this.rowNum} of sheet "${this.r.sheet}"`;
  }

  private broken(): Error {
    return damaged(this.r.fileName, `a record of sheet "${this.r.sheet}" is cut short`);
  }
}
