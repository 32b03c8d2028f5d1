import type { XmlTag } from './xml-stream';
import { attr } from './xml-stream';

const STYLE_NS = 'urn:oasis:names:tc:opendocument:xmlns:style:1.0';
const TABLE_NS = 'urn:oasis:names:tc:opendocument:xmlns:table:1.0';
const NUMBER_NS = 'urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0';

/**
 * What an ODS's automatic styles say that changes a value: tables hidden by their style, and
 * number styles that pad integers with zeros (a postal code 0161 is the number 161 shown with
 * four digits; LibreOffice shows the padding, so it is the value). A cell's style is its own or
 * its column's default.
 */
export class OdsStyles {
  private readonly hiddenTables = new Set<string>();
  /** Data style name -> digits it pads integers to. */
  private readonly paddedData = new Map<string, number>();
  /** Cell style name -> its data style name. */
  private readonly cellData = new Map<string, string>();
  private style: { name: string; family: string } | null = null;
  private dataStyle: { name: string; digits: number; plain: boolean } | null = null;
  /** The current table's column default cell styles, as runs. */
  private columns: Array<{ from: number; to: number; style: string }> = [];
  private nextColumn = 0;

  /** Style elements; returns true when the tag was one. */
  open(tag: XmlTag): boolean {
    if (tag.uri === STYLE_NS) {
      if (tag.local === 'style') {
        const name = attr(tag, 'name', STYLE_NS) ?? '';
        this.style = { name, family: attr(tag, 'family', STYLE_NS) ?? '' };
        const data = attr(tag, 'data-style-name', STYLE_NS);
        if (data !== undefined && this.style.family === 'table-cell') this.cellData.set(name, data);
      } else if (tag.local === 'table-properties' && this.style?.family === 'table' && attr(tag, 'display', TABLE_NS) === 'false') {
        this.hiddenTables.add(this.style.name);
      }
      return true;
    }
    if (tag.uri !== NUMBER_NS) return false;
    if (tag.local === 'number-style') this.dataStyle = { name: attr(tag, 'name', STYLE_NS) ?? '', digits: 0, plain: true };
    else if (this.dataStyle && tag.local === 'number') {
      const digits = Number(attr(tag, 'min-integer-digits', NUMBER_NS) ?? 1);
      const decimals = Number(attr(tag, 'decimal-places', NUMBER_NS) ?? 0);
      if (decimals === 0 && attr(tag, 'grouping', NUMBER_NS) !== 'true') this.dataStyle.digits = digits;
    } else if (this.dataStyle && tag.local !== 'number') this.dataStyle.plain = false;
    return true;
  }

  close(tag: XmlTag): void {
    if (tag.uri === NUMBER_NS && tag.local === 'number-style' && this.dataStyle) {
      const d = this.dataStyle;
      if (d.plain && d.digits > 1) this.paddedData.set(d.name, Math.min(d.digits, 15));
      this.dataStyle = null;
    } else if (tag.uri === STYLE_NS && tag.local === 'style') this.style = null;
  }

  isHiddenTable(style: string | undefined): boolean {
    return style !== undefined && this.hiddenTables.has(style);
  }

  startTable(): void {
    this.columns = [];
    this.nextColumn = 0;
  }

  /** `<table:table-column>`: its default cell style for the columns it stands for. */
  column(tag: XmlTag): void {
    const n = Math.max(1, Math.min(Number(attr(tag, 'number-columns-repeated', TABLE_NS) ?? 1) || 1, 1 << 20));
    const style = attr(tag, 'default-cell-style-name', TABLE_NS);
    if (style !== undefined && this.padding(style) > 0) this.columns.push({ from: this.nextColumn, to: this.nextColumn + n, style });
    this.nextColumn += n;
  }

  /** Digits a cell at `col` with style `style` pads integers to (0: none). */
  paddingAt(style: string | undefined, col: number): number {
    if (style !== undefined) return this.padding(style);
    for (const c of this.columns) if (col >= c.from && col < c.to) return this.padding(c.style);
    return 0;
  }

  private padding(cellStyle: string): number {
    const data = this.cellData.get(cellStyle);
    return data === undefined ? 0 : this.paddedData.get(data) ?? 0;
  }
}
