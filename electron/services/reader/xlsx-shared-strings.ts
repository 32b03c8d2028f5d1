import type { ZipArchive, ZipPart } from './zip-archive';
import { XmlStream } from './xml-stream';
import { isSpreadsheetNs } from './xlsx-names';
import { decodeExcelEscapes } from './cell-values';
import { LIMITS, XML_TEXT_CHARS, overLimit, thousands } from './workbook-limits';

/**
 * The shared-string table of an XLSX, packed as UTF-8 in large buffers. Excel stores every distinct
 * text of a workbook there; a 1M-row export holds millions of them, and exceljs's array of JS
 * strings (plus rich-text objects) alone can pass the 512 MB budget. Here each entry costs its
 * UTF-8 bytes plus 10 bytes of index; cells decode their text when read. Rich text is flattened
 * to plain text (what the user sees), phonetic runs are dropped. XLSX and XLSB both fill one.
 */
const CHUNK = 32 * 1024 * 1024;

export class SharedStringTable {
  private readonly buffers: Buffer[] = [Buffer.allocUnsafe(CHUNK)];
  private used = 0;
  private chunkOf = new Uint16Array(4096);
  private startOf = new Uint32Array(4096);
  private lengthOf = new Uint32Array(4096);
  count = 0;

  add(text: string): void {
    const bytes = Buffer.byteLength(text, 'utf8');
    let buf = this.buffers[this.buffers.length - 1] as Buffer;
    if (this.used + bytes > buf.length) {
      this.buffers[this.buffers.length - 1] = buf.subarray(0, this.used);
      buf = Buffer.allocUnsafe(Math.max(CHUNK, bytes));
      this.buffers.push(buf);
      this.used = 0;
    }
    if (this.count === this.startOf.length) this.grow();
    buf.write(text, this.used, 'utf8');
    this.chunkOf[this.count] = this.buffers.length - 1;
    this.startOf[this.count] = this.used;
    this.lengthOf[this.count] = bytes;
    this.used += bytes;
    this.count++;
  }

  get(i: number): string | undefined {
    if (!(i >= 0 && i < this.count)) return undefined;
    const start = this.startOf[i] as number;
    return (this.buffers[this.chunkOf[i] as number] as Buffer).toString('utf8', start, start + (this.lengthOf[i] as number));
  }

  private grow(): void {
    const n = this.startOf.length * 2;
    const c = new Uint16Array(n); c.set(this.chunkOf); this.chunkOf = c;
    const s = new Uint32Array(n); s.set(this.startOf); this.startOf = s;
    const l = new Uint32Array(n); l.set(this.lengthOf); this.lengthOf = l;
  }
}

/**
 * Reads sharedStrings.xml into a table. `maxCount` is what the workbook's sheets could possibly
 * refer to (from their sizes): a table beyond it exists only to exhaust memory.
 */
export async function readSharedStrings(zip: ZipArchive, part: ZipPart, maxCount: number): Promise<SharedStringTable> {
  const table = new SharedStringTable();
  const xml = new XmlStream(zip.fileName, part.name, sharedStringHandler(table, (text) => {
    if (text.length > LIMITS.cellChars) {
      throw overLimit(zip.fileName, `shared text number ${thousands(table.count + 1)} is longer than ${thousands(LIMITS.cellChars)} characters, more than Excel allows in a cell`);
    }
    if (table.count >= maxCount) {
      throw overLimit(zip.fileName, `its table of shared texts holds more than ${thousands(maxCount)} entries, more than its sheets have room for`);
    }
  }));
  for await (const chunk of zip.bytes(part)) xml.write(chunk);
  xml.end();
  return table;
}

/** `<si>` items: the text of their `<t>` elements (runs included), phonetic `<rPh>` runs left out. */
export function sharedStringHandler(table: SharedStringTable, check: (text: string) => void): ConstructorParameters<typeof XmlStream>[2] {
  let inItem = false;
  let inT = false;
  let phonetic = 0;
  let text = '';
  return {
    open(tag) {
      if (!isSpreadsheetNs(tag.uri)) return;
      if (tag.local === 'si') {
        inItem = true;
        text = '';
      } else if (tag.local === 'rPh') phonetic++;
      else if (tag.local === 't' && inItem && phonetic === 0) inT = true;
    },
    text(s) {
      if (!inT) return;
      text += s;
      if (text.length > XML_TEXT_CHARS) check(text);
    },
    close(tag) {
      if (!isSpreadsheetNs(tag.uri)) return;
      if (tag.local === 't') inT = false;
      else if (tag.local === 'rPh') phonetic--;
      else if (tag.local === 'si' && inItem) {
        const decoded = decodeExcelEscapes(text);
        check(decoded);
        table.add(decoded);
        inItem = false;
      }
    },
  };
}
