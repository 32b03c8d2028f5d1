import { UnusableInputError } from '../../../shared/domain/errors';
import type { JobContext } from '../../../shared/domain/job';
import type { RawRow } from './header';
import type { RawSource } from './raw-source';
import { ZipArchive } from './zip-archive';
import { XmlStream, attr, parseXmlPart } from './xml-stream';
import type { WorkbookSheet } from './xlsx-workbook';
import type { WorkbookLocation } from './xlsx-source';
import { OdsContentHandler } from './ods-content';
import { OdsStyles } from './ods-styles';
import { throttledProgress, throwIfCancelled } from './progress';
import { damaged } from './workbook-limits';

/**
 * OpenDocument spreadsheets (LibreOffice, OpenOffice, Google Sheets' .ods), streamed from
 * `content.xml`. All sheets live in that one part, so listing them is one pass over it (repeats
 * counted, never expanded) and reading a sheet is another that stops at the sheet's end.
 */
const MANIFEST_NS = 'urn:oasis:names:tc:opendocument:xmlns:manifest:1.0';
const BATCH = 1000;

export interface OdsWorkbook {
  readonly sheets: WorkbookSheet[];
}

export async function readOdsWorkbook(zip: ZipArchive): Promise<OdsWorkbook> {
  await refuseEncrypted(zip);
  const content = zip.find('content.xml');
  if (!content) throw damaged(zip.fileName, 'it has no content part');
  const h = new OdsContentHandler(zip.fileName, null);
  await parseXmlPart(zip, content, h);
  return {
    sheets: h.tables.map((t) => ({
      name: t.name, hidden: t.hidden, rowCount: t.rowCount, hasData: t.rowCount > 0, part: content.name, declaredRows: t.lastRow,
    })),
  };
}

/** LibreOffice encrypts content.xml and says so in the manifest; the rest of the ZIP looks ordinary. */
async function refuseEncrypted(zip: ZipArchive): Promise<void> {
  const manifest = zip.find('META-INF/manifest.xml');
  if (!manifest) return;
  let encrypted = false;
  let entry = '';
  await parseXmlPart(zip, manifest, {
    open(tag) {
      if (tag.uri !== MANIFEST_NS) return;
      if (tag.local === 'file-entry') entry = attr(tag, 'full-path', MANIFEST_NS) ?? '';
      else if (tag.local === 'encryption-data' && entry === 'content.xml') encrypted = true;
    },
  }, () => encrypted);
  if (encrypted) {
    throw new UnusableInputError('password-protected',
      `${zip.fileName} is password-protected; open it in LibreOffice, save a copy without a password (File > Save As, untick "Save with password") and use that.`,
      { file: zip.fileName });
  }
}

export function odsSource(at: WorkbookLocation, book: OdsWorkbook, chosen: WorkbookSheet, sheetInfo: RawSource['sheets']): RawSource {
  const index = book.sheets.indexOf(chosen);
  async function* rows(ctx: JobContext): AsyncGenerator<RawRow[]> {
    const zip = await ZipArchive.open(at.path, at.fileName, at.size);
    try {
      const part = zip.find(chosen.part);
      if (!part) throw damaged(at.fileName, 'it has no content part');
      const styles = new OdsStyles();
      const stylesPart = zip.find('styles.xml');
      if (stylesPart) await parseXmlPart(zip, stylesPart, { open: (t) => void styles.open(t), close: (t) => styles.close(t) });
      const h = new OdsContentHandler(at.fileName, index, styles);
      const xml = new XmlStream(at.fileName, part.name, h);
      const report = throttledProgress(ctx, chosen.declaredRows, 'rows');
      for await (const chunk of zip.bytes(part)) {
        throwIfCancelled(ctx.signal);
        xml.write(chunk);
        while (h.rows.length >= BATCH) {
          report(h.lastRow);
          yield h.rows.splice(0, BATCH);
        }
        if (h.done) break;
      }
      if (!h.done) xml.end();
      if (h.rows.length > 0) yield h.rows;
      report(chosen.declaredRows ?? h.lastRow, true);
    } finally {
      zip.close();
    }
  }
  return { format: 'ods', encoding: null, delimiter: null, sheets: sheetInfo, sheet: chosen.name, knownRowCount: chosen.declaredRows, rows };
}
