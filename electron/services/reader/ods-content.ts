import type { CellValue } from '../../../shared/domain/cell';
import { columnLetter } from '../../../shared/domain/cell';
import type { RawRow } from './header';
import type { XmlHandler, XmlTag } from './xml-stream';
import { attr } from './xml-stream';
import { isoCell, roundNumber, textCell } from './cell-values';
import { OdsText } from './ods-text';
import { OdsStyles } from './ods-styles';
import { LIMITS, damaged, overLimit, thousands } from './workbook-limits';

/**
 * An ODS `content.xml`, as SAX events arrive. Repeat counts stay counts: empty repeated rows and
 * cells only move the position (LibreOffice pads every sheet with a million of them); a repeated
 * value is copied, within Excel's sheet size and a budget of copies. Covered (merged-over) cells
 * keep their value. In `list` mode only the sheets are noted; in `read` mode one sheet's rows
 * collect in `rows`.
 */
export const NS = {
  office: 'urn:oasis:names:tc:opendocument:xmlns:office:1.0',
  table: 'urn:oasis:names:tc:opendocument:xmlns:table:1.0',
  text: 'urn:oasis:names:tc:opendocument:xmlns:text:1.0',
  style: 'urn:oasis:names:tc:opendocument:xmlns:style:1.0',
  calcext: 'urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0',
} as const;

/** Cells copied by repeat counts per sheet: real sheets repeat a few thousand; a 1 KB file can ask for billions. */
export const REPEATED_CELLS = 20_000_000;

export interface OdsTableInfo { name: string; hidden: boolean; rowCount: number; lastRow: number }

export class OdsContentHandler implements XmlHandler {
  readonly tables: OdsTableInfo[] = [];
  rows: RawRow[] = [];
  /** The chosen table has been read to its end. */
  done = false;
  lastRow = 0;

  private tableDepth = 0;
  private table: OdsTableInfo | null = null;
  private reading = false;
  private rowNum = 0;
  private rowRepeat = 1;
  private cells: CellValue[] | null = null;
  private col = 0;
  private copies = 0;
  // The open cell.
  private cell: { value: CellValue | undefined; repeat: number; type: string | undefined; error: boolean; padding: number } | null = null;
  private readonly para = new OdsText();

  /** `wanted`: the table to read (by position among the listed ones); null lists only. */
  /** `styles`: those of styles.xml, read first (LibreOffice keeps data styles there); content.xml adds its own. */
  constructor(private readonly fileName: string, private readonly wanted: number | null, private readonly styles = new OdsStyles()) {}

  open = (tag: XmlTag): void => {
    const { uri, local } = tag;
    if (this.cell) {
      this.para.open(tag);
      return;
    }
    if (uri === NS.table) {
      if (local === 'table') return this.openTable(tag);
      if (this.tableDepth !== 1) return;
      if (local === 'table-row') return this.openRow(tag);
      if (local === 'table-cell' || local === 'covered-table-cell') return this.openCell(tag);
      if (local === 'table-column') this.styles.column(tag);
    } else this.styles.open(tag);
  };

  text = (s: string): void => {
    if (this.cell) this.para.literal(s);
  };

  close = (tag: XmlTag): void => {
    const { uri, local } = tag;
    if (this.cell && !(uri === NS.table && (local === 'table-cell' || local === 'covered-table-cell'))) {
      this.para.close(tag);
      return;
    }
    if (uri !== NS.table) {
      this.styles.close(tag);
      return;
    }
    if (local === 'table') {
      this.tableDepth--;
      if (this.tableDepth === 0) {
        if (this.reading) this.done = true;
        this.reading = false;
        this.table = null;
      }
    } else if (this.tableDepth === 1) {
      if (local === 'table-row') this.closeRow();
      else if (local === 'table-cell' || local === 'covered-table-cell') this.closeCell();
    }
  };

  private openTable(tag: XmlTag): void {
    this.tableDepth++;
    if (this.tableDepth > 1) return;
    this.styles.startTable();
    this.table = {
      name: attr(tag, 'name', NS.table) ?? `Sheet${this.tables.length + 1}`, hidden: this.styles.isHiddenTable(attr(tag, 'style-name', NS.table)), rowCount: 0, lastRow: 0,
    };
    this.tables.push(this.table);
    this.reading = this.wanted === this.tables.length - 1;
    this.rowNum = 0;
    this.copies = 0;
  }

  private openRow(tag: XmlTag): void {
    this.rowRepeat = count(attr(tag, 'number-rows-repeated', NS.table));
    this.cells = [];
    this.col = 0;
  }

  private closeRow(): void {
    const cells = this.cells;
    this.cells = null;
    const first = this.rowNum + 1;
    this.rowNum += this.rowRepeat;
    if (!cells || cells.length === 0) return;
    if (this.rowNum > LIMITS.rows) throw overLimit(this.fileName, `sheet "${this.table?.name}" has values in rows past ${thousands(LIMITS.rows)}, Excel's last row`);
    if (this.table) {
      this.table.rowCount += this.rowRepeat;
      this.table.lastRow = this.rowNum;
    }
    this.lastRow = this.rowNum;
    if (!this.reading) return;
    this.spend(cells.length * (this.rowRepeat - 1));
    for (let r = first; r <= this.rowNum; r++) this.rows.push({ row: r, cells: r === this.rowNum ? cells : cells.slice() });
  }

  private openCell(tag: XmlTag): void {
    if (!this.cells) throw damaged(this.fileName, `sheet "${this.table?.name}" has a cell outside any row`);
    const type = attr(tag, 'value-type', NS.office);
    this.cell = {
      value: type === undefined ? undefined : typedValue(tag, type),
      repeat: count(attr(tag, 'number-columns-repeated', NS.table)),
      type,
      error: attr(tag, 'value-type', NS.calcext) === 'error',
      padding: this.styles.paddingAt(attr(tag, 'style-name', NS.table), this.col),
    };
    this.para.reset();
  }

  private closeCell(): void {
    const c = this.cell;
    this.cell = null;
    if (!c || !this.cells) return;
    const shown = this.para.value();
    if (this.para.tooLong || shown.length > LIMITS.cellChars) {
      throw overLimit(this.fileName, `cell ${columnLetter(this.col)}${this.rowNum + 1} of sheet "${this.table?.name}" holds more than ${thousands(LIMITS.cellChars)} characters, more than Excel allows in a cell`);
    }
    const value = cellValue(c, shown);
    const start = this.col;
    this.col += c.repeat;
    if (value === null) return;
    if (this.col > LIMITS.columns) {
      throw overLimit(this.fileName, `row ${this.rowNum + 1} of sheet "${this.table?.name}" has values past column ${columnLetter(LIMITS.columns - 1)}, Excel's last column`);
    }
    if (!this.reading) {
      this.cells.length = 1; // listing: only "this row has a value" matters
      return;
    }
    this.spend(c.repeat - 1);
    while (this.cells.length < start) this.cells.push(null);
    for (let i = start; i < this.col; i++) this.cells[i] = value;
  }

  private spend(n: number): void {
    this.copies += n;
    if (this.copies > REPEATED_CELLS) {
      throw overLimit(this.fileName, `sheet "${this.table?.name}" repeats its cells more than ${thousands(REPEATED_CELLS)} times`);
    }
  }
}

function count(s: string | undefined): number {
  if (s === undefined) return 1;
  const n = Number(s);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, LIMITS.rows * LIMITS.columns) : 1;
}

const DURATION = /^(-)?P(?:(\d+)D)?T?(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?$/;

/** `PT10H10M10S` (or `P1DT2H`): hours, minutes and seconds as `{ time }`. */
function durationCell(s: string): CellValue {
  const m = DURATION.exec(s.trim());
  if (!m) return isoCell(s, true);
  const total = Math.round(Number(m[2] ?? 0) * 86_400 + Number(m[3] ?? 0) * 3600 + Number(m[4] ?? 0) * 60 + Number((m[5] ?? '0').replace(',', '.')));
  const pad = (n: number): string => String(n).padStart(2, '0');
  return { time: `${m[1] ?? ''}${pad(Math.floor(total / 3600))}:${pad(Math.floor(total / 60) % 60)}:${pad(total % 60)}` };
}

/** The value the attributes carry; `undefined` for strings (their text is the value). */
function typedValue(tag: XmlTag, type: string): CellValue | undefined {
  switch (type) {
    case 'float': case 'currency': case 'percentage': {
      const n = Number(attr(tag, 'value', NS.office));
      return Number.isFinite(n) ? roundNumber(n) : undefined;
    }
    case 'date': return isoCell(attr(tag, 'date-value', NS.office) ?? '');
    case 'time': return durationCell(attr(tag, 'time-value', NS.office) ?? '');
    case 'boolean': {
      const b = (attr(tag, 'boolean-value', NS.office) ?? '').toLowerCase();
      return b === 'true' || b === '1';
    }
    default: {
      const s = attr(tag, 'string-value', NS.office);
      return s === undefined ? undefined : textCell(s);
    }
  }
}

function cellValue(c: { value: CellValue | undefined; type: string | undefined; error: boolean; padding: number }, shown: string): CellValue {
  if (c.error) return { error: shown.trim() || '#VALUE!' };
  if (c.type === 'percentage' && typeof c.value === 'number') return { number: c.value, shown };
  // A number shown zero-padded (postal code 0161 formatted `0000`): the padding is the value.
  if (c.padding > 0 && typeof c.value === 'number' && Number.isInteger(c.value) && c.value >= 0) return String(c.value).padStart(c.padding, '0');
  if (c.value !== undefined && c.type !== 'string') return c.value;
  if (shown !== '') return textCell(shown);
  if (c.value !== undefined) return c.value;
  // LibreOffice writes a formula whose result is empty text with no value type at all.
  return null;
}
