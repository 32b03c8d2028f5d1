import type { JobContext } from '../../../shared/domain/job';
import type { RawRow } from './header';
import type { RawSource } from './raw-source';
import { ZipArchive } from './zip-archive';
import type { WorkbookParts, WorkbookSheet } from './xlsx-workbook';
import type { WorkbookLocation } from './xlsx-source';
import type { SharedStringTable } from './xlsx-shared-strings';
import type { StyleFormats } from './xlsx-styles';
import { readXlsbStrings, readXlsbStyles } from './xlsb-workbook';
import { RecordReader } from './xlsb-records';
import { XlsbSheetHandler } from './xlsb-sheet';
import { throttledProgress, throwIfCancelled } from './progress';
import { damaged } from './workbook-limits';

/**
 * XLSB (Excel's binary workbook, offered for large files) rows, streamed record by record like
 * the XLSX reader streams XML; same values for the same workbook, same limits.
 */
const BATCH = 1000;

/** The smallest record that can refer to a shared string (BrtShortIsst: 2 + 4 + 4 bytes). */
const BYTES_PER_STRING_CELL = 8;

export function xlsbSource(at: WorkbookLocation, book: WorkbookParts, chosen: WorkbookSheet, sheetInfo: RawSource['sheets']): RawSource {
  let strings: SharedStringTable | null = null;
  let formats: StyleFormats | null = null;
  async function* rows(ctx: JobContext): AsyncGenerator<RawRow[]> {
    const zip = await ZipArchive.open(at.path, at.fileName, at.size);
    try {
      formats ??= await readXlsbStyles(zip, book.styles ? zip.find(book.styles) : undefined);
      if (!strings) {
        let sheetBytes = 0;
        for (const s of book.sheets) sheetBytes += zip.find(s.part)?.size ?? 0;
        strings = await readXlsbStrings(zip, book.sharedStrings ? zip.find(book.sharedStrings) : undefined,
          Math.floor(sheetBytes / BYTES_PER_STRING_CELL) + 1024);
      }
      const part = zip.find(chosen.part);
      if (!part) throw damaged(at.fileName, `sheet "${chosen.name}" is missing`);
      const h = new XlsbSheetHandler({ fileName: at.fileName, sheet: chosen.name, strings, formats, date1904: book.date1904 });
      const reader = new RecordReader(at.fileName, part.name);
      const report = throttledProgress(ctx, chosen.declaredRows, 'rows');
      for await (const chunk of zip.bytes(part)) {
        throwIfCancelled(ctx.signal);
        reader.push(chunk);
        for (let r = reader.next(); r && !h.done; r = reader.next()) h.record(r);
        if (h.rows.length >= BATCH) {
          report(h.lastRow);
          const batch = h.rows;
          h.rows = [];
          yield batch;
        }
        if (h.done) break;
      }
      if (!h.done && reader.pending > 0) throw damaged(at.fileName, `its part "${part.name}" ends in the middle of a record`);
      if (!h.done) h.finish();
      if (h.rows.length > 0) yield h.rows;
      report(h.lastRow, true);
    } finally {
      zip.close();
    }
  }
  return { format: 'xlsb', encoding: null, delimiter: null, sheets: sheetInfo, sheet: chosen.name, knownRowCount: null, rows };
}
