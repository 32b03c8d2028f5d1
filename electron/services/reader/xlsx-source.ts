import type { JobContext } from '../../../shared/domain/job';
import type { RawRow } from './header';
import type { RawSource } from './raw-source';
import { ZipArchive } from './zip-archive';
import { XmlStream } from './xml-stream';
import type { WorkbookParts, WorkbookSheet } from './xlsx-workbook';
import { readSharedStrings, SharedStringTable } from './xlsx-shared-strings';
import { readXlsxStyles, type StyleFormats } from './xlsx-styles';
import { XlsxSheetHandler } from './xlsx-sheet';
import { throttledProgress, throwIfCancelled } from './progress';
import { damaged } from './workbook-limits';

/**
 * XLSX rows, streamed: the chosen sheet's XML is inflated and parsed chunk by chunk and rows are
 * handed on in batches, so memory stays flat at Excel's full 1,048,576 rows. Shared strings and
 * number formats are read once per source and kept for later passes.
 */
const BATCH = 1000;

/** At least this many bytes of sheet XML per cell that can refer to a shared string (`<c t="s"><v>0</v></c>` is 21). */
const BYTES_PER_STRING_CELL = 16;

export interface WorkbookLocation {
  readonly path: string;
  readonly fileName: string;
  readonly size: number;
}

export function xlsxSource(at: WorkbookLocation, book: WorkbookParts, chosen: WorkbookSheet, sheetInfo: RawSource['sheets']): RawSource {
  let strings: SharedStringTable | null = null;
  let formats: StyleFormats | null = null;
  async function* rows(ctx: JobContext): AsyncGenerator<RawRow[]> {
    const zip = await ZipArchive.open(at.path, at.fileName, at.size);
    try {
      formats ??= await readXlsxStyles(zip, book.styles ? zip.find(book.styles) : undefined);
      strings ??= await loadStrings(zip, book);
      const part = zip.find(chosen.part);
      if (!part) throw damaged(at.fileName, `sheet "${chosen.name}" is missing`);
      const h = new XlsxSheetHandler({ fileName: at.fileName, sheet: chosen.name, strings, formats, date1904: book.date1904 });
      const xml = new XmlStream(at.fileName, part.name, h);
      const report = throttledProgress(ctx, chosen.declaredRows, 'rows');
      for await (const chunk of zip.bytes(part)) {
        throwIfCancelled(ctx.signal);
        xml.write(chunk);
        if (h.rows.length >= BATCH) {
          report(h.lastRow);
          const batch = h.rows;
          h.rows = [];
          yield batch;
        }
        if (h.done) break;
      }
      if (!h.done) xml.end();
      if (h.rows.length > 0) yield h.rows;
      report(h.lastRow, true);
    } finally {
      zip.close();
    }
  }
  return { format: 'xlsx', encoding: null, delimiter: null, sheets: sheetInfo, sheet: chosen.name, knownRowCount: null, rows };
}

async function loadStrings(zip: ZipArchive, book: WorkbookParts): Promise<SharedStringTable> {
  const part = book.sharedStrings ? zip.find(book.sharedStrings) : undefined;
  if (!part) return new SharedStringTable();
  let sheetBytes = 0;
  for (const s of book.sheets) sheetBytes += zip.find(s.part)?.size ?? 0;
  return readSharedStrings(zip, part, Math.floor(sheetBytes / BYTES_PER_STRING_CELL) + 1024);
}
