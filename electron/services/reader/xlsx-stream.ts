import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { entryDataStart, type ZipEntry } from './zip-directory';

/**
 * The XLSX as exceljs should see it: a ZIP stream holding only what one sheet needs, in the order
 * its streaming reader needs it (relationships, workbook, styles, shared strings, then the sheet).
 * Writers order entries as they like — Excel puts shared strings after the sheets, exceljs's own
 * writer varies — and exceljs then spools whole sheets to temp files or reads a sheet before its
 * number formats. Re-ordering here avoids both and skips the other sheets entirely.
 * Each entry is copied compressed, behind a fresh local header that states its sizes (so no data
 * descriptor scanning); the sheet is named `sheet1.xml`, the only shape exceljs recognises.
 */
const EMPTY_SST = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>');

function localHeader(name: string, method: number, compressed: number, size: number): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt16LE(0x800, 6); // UTF-8 names, sizes known up front
  h.writeUInt16LE(method, 8);
  h.writeUInt32LE(compressed, 18);
  h.writeUInt32LE(size, 22);
  h.writeUInt16LE(nameBytes.length, 26);
  h.writeUInt16LE(0, 28);
  return Buffer.concat([h, nameBytes]);
}

function endRecord(): Buffer {
  const e = Buffer.alloc(22);
  e.writeUInt32LE(0x06054b50, 0);
  return e;
}

export function orderedSheetStream(path: string, zip: Map<string, ZipEntry>, sheetEntry: string, fileName: string): Readable {
  const parts: Array<{ entry: ZipEntry | null; as: string }> = [];
  for (const name of ['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/styles.xml']) {
    const e = zip.get(name);
    if (e) parts.push({ entry: e, as: name });
  }
  // Without a shared-strings part exceljs would spool the sheet to disk; an empty one keeps it streaming.
  parts.push({ entry: zip.get('xl/sharedStrings.xml') ?? null, as: 'xl/sharedStrings.xml' });
  const sheet = zip.get(sheetEntry);
  if (sheet) parts.push({ entry: sheet, as: 'xl/worksheets/sheet1.xml' });
  let current: ReturnType<typeof createReadStream> | null = null;
  async function* bytes(): AsyncGenerator<Buffer> {
    try {
      for (const { entry, as } of parts) {
        if (!entry) {
          yield localHeader(as, 0, EMPTY_SST.length, EMPTY_SST.length);
          yield EMPTY_SST;
          continue;
        }
        yield localHeader(as, entry.method, entry.compressedSize, entry.size);
        if (entry.compressedSize === 0) continue;
        const start = await entryDataStart(path, entry, fileName);
        current = createReadStream(path, { start, end: start + entry.compressedSize - 1, highWaterMark: 1024 * 1024 });
        for await (const chunk of current) yield chunk as Buffer;
        current = null;
      }
      yield endRecord();
    } finally {
      current?.destroy();
    }
  }
  return Readable.from(bytes(), { objectMode: false });
}
