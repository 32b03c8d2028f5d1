import type { SheetInfo } from '../../../shared/domain/source';
import type { ZipArchive, ZipPart } from './zip-archive';
import { attr, XmlStream, parseXmlPart } from './xml-stream';
import { readRelationships, type Relationship } from './ooxml-package';
import { RELATIONSHIP_NS, isSpreadsheetNs } from './xlsx-names';
import { XlsxSheetHandler } from './xlsx-sheet';

/**
 * A workbook's sheets in workbook order, with the parts they need, found through the workbook's
 * relationships. Chart and dialog sheets hold no cells and are not listed.
 */
export interface WorkbookSheet extends SheetInfo {
  /** The sheet's part in the archive. */
  readonly part: string;
  /** Hidden sheets (lookup tables, macros' scratch) are never picked by default. */
  readonly hidden: boolean;
  /** The last row the sheet says it has (for progress), when it says. */
  readonly declaredRows: number | null;
}

export interface WorkbookParts {
  readonly sheets: WorkbookSheet[];
  readonly date1904: boolean;
  readonly sharedStrings: string | null;
  readonly styles: string | null;
}

interface ListedSheet { name: string; rid: string | undefined; hidden: boolean }

/** How much of a sheet is looked at to tell whether it holds any value. */
const PEEK_BYTES = 256 * 1024;

export function relationTarget(rels: readonly Relationship[], type: string, zip: ZipArchive): string | null {
  const r = rels.find((x) => x.type === type && zip.find(x.target));
  return r ? (zip.find(r.target) as ZipPart).name : null;
}

export async function readXlsxWorkbook(zip: ZipArchive, main: ZipPart): Promise<WorkbookParts> {
  const listed: ListedSheet[] = [];
  let date1904 = false;
  await parseXmlPart(zip, main, {
    open(tag) {
      if (!isSpreadsheetNs(tag.uri)) return;
      if (tag.local === 'workbookPr') {
        const d = attr(tag, 'date1904');
        date1904 = d === '1' || d === 'true';
      } else if (tag.local === 'sheet') {
        const name = attr(tag, 'name');
        const state = attr(tag, 'state');
        const rid = attr(tag, 'id', RELATIONSHIP_NS[0]) ?? attr(tag, 'id', RELATIONSHIP_NS[1]);
        if (name !== undefined) listed.push({ name, rid, hidden: state === 'hidden' || state === 'veryHidden' });
      }
    },
  });
  const rels = await readRelationships(zip, main.name);
  const sheets: WorkbookSheet[] = [];
  for (const s of listed) {
    const rel = rels.find((r) => r.id === s.rid);
    const part = rel?.type === 'worksheet' ? zip.find(rel.target) : undefined;
    if (!part) continue;
    const peek = await peekSheet(zip, part, s.name);
    sheets.push({ name: s.name, part: part.name, hidden: s.hidden, rowCount: null, ...peek });
  }
  const dir = main.name.slice(0, main.name.lastIndexOf('/') + 1);
  return {
    sheets, date1904,
    sharedStrings: relationTarget(rels, 'sharedStrings', zip) ?? zip.find(`${dir}sharedStrings.xml`)?.name ?? null,
    styles: relationTarget(rels, 'styles', zip) ?? zip.find(`${dir}styles.xml`)?.name ?? null,
  };
}

/** Whether the sheet holds any value (a cell with a value in its first 256 KB, or more sheet than that) and its dimension. */
async function peekSheet(zip: ZipArchive, part: ZipPart, sheet: string): Promise<{ hasData: boolean; declaredRows: number | null }> {
  const h = new XlsxSheetHandler({ fileName: zip.fileName, sheet, strings: null, formats: [], date1904: false });
  const xml = new XmlStream(zip.fileName, part.name, h);
  let read = 0;
  let complete = true;
  for await (const chunk of zip.bytes(part)) {
    xml.write(chunk);
    read += chunk.length;
    if (h.rows.length > 0 || h.done) break;
    if (read >= PEEK_BYTES) {
      complete = false;
      break;
    }
  }
  return { hasData: h.rows.length > 0 || !complete, declaredRows: h.declaredRows };
}
