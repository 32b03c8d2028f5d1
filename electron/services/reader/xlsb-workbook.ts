import type { ZipArchive, ZipPart } from './zip-archive';
import { readRelationships } from './ooxml-package';
import { relationTarget, type WorkbookParts, type WorkbookSheet } from './xlsx-workbook';
import { readRecords, wideString } from './xlsb-records';
import { XlsbSheetHandler } from './xlsb-sheet';
import { SharedStringTable } from './xlsx-shared-strings';
import { builtinFormat, type StyleFormats } from './xlsx-styles';
import { LIMITS, damaged, overLimit, thousands } from './workbook-limits';

/**
 * XLSB's workbook, styles and shared strings ([MS-XLSB]): the same package and relationships as
 * XLSX, with binary records inside the parts. Only what values need is read.
 */
const BRT = {
  wbProp: 0x99, bundleSh: 0x9c, sstItem: 0x13, fmt: 0x2c, xf: 0x2f, beginCellXfs: 0x269, endCellXfs: 0x26a,
} as const;

const PEEK_BYTES = 256 * 1024;

export async function readXlsbWorkbook(zip: ZipArchive, main: ZipPart): Promise<WorkbookParts> {
  const listed: Array<{ name: string; rid: string; hidden: boolean }> = [];
  let date1904 = false;
  await readRecords(zip, main, (r) => {
    if (r.type === BRT.wbProp && r.data.length >= 4) date1904 = (r.data.readUInt32LE(0) & 1) === 1;
    else if (r.type === BRT.bundleSh) {
      const rid = wideString(r.data, 8, true);
      const name = rid ? wideString(r.data, rid.end) : null;
      if (!rid || !name) throw damaged(zip.fileName, 'its list of sheets is broken');
      listed.push({ name: name.text, rid: rid.text, hidden: r.data.readUInt32LE(0) !== 0 });
    }
  });
  const rels = await readRelationships(zip, main.name);
  const sheets: WorkbookSheet[] = [];
  for (const s of listed) {
    const rel = rels.find((r) => r.id === s.rid);
    const part = rel?.type === 'worksheet' ? zip.find(rel.target) : undefined;
    if (!part) continue;
    sheets.push({ name: s.name, part: part.name, hidden: s.hidden, rowCount: null, ...(await peekSheet(zip, part, s.name)) });
  }
  return { sheets, date1904, sharedStrings: relationTarget(rels, 'sharedStrings', zip), styles: relationTarget(rels, 'styles', zip) };
}

async function peekSheet(zip: ZipArchive, part: ZipPart, sheet: string): Promise<{ hasData: boolean; declaredRows: number | null }> {
  const h = new XlsbSheetHandler({ fileName: zip.fileName, sheet, strings: null, formats: [], date1904: false });
  let read = 0;
  let complete = true;
  await readRecords(zip, part, (r) => {
    h.record(r);
    read += r.data.length + 2;
  }, () => {
    if (read >= PEEK_BYTES && h.rows.length === 0 && !h.done) complete = false;
    return h.rows.length > 0 || h.done || !complete;
  });
  return { hasData: h.rows.length > 0 || !complete, declaredRows: h.declaredRows };
}

export async function readXlsbStyles(zip: ZipArchive, part: ZipPart | undefined): Promise<StyleFormats> {
  if (!part) return [];
  const custom = new Map<number, string>();
  const ids: number[] = [];
  let inCellXfs = false;
  await readRecords(zip, part, (r) => {
    if (r.type === BRT.fmt && r.data.length >= 2) {
      const code = wideString(r.data, 2);
      if (code) custom.set(r.data.readUInt16LE(0), code.text);
    } else if (r.type === BRT.beginCellXfs) inCellXfs = true;
    else if (r.type === BRT.endCellXfs) inCellXfs = false;
    else if (r.type === BRT.xf && inCellXfs && r.data.length >= 4) ids.push(r.data.readUInt16LE(2));
  });
  return ids.map((id) => custom.get(id) ?? builtinFormat(id));
}

export async function readXlsbStrings(zip: ZipArchive, part: ZipPart | undefined, maxCount: number): Promise<SharedStringTable> {
  const table = new SharedStringTable();
  if (!part) return table;
  await readRecords(zip, part, (r) => {
    if (r.type !== BRT.sstItem) return;
    const s = wideString(r.data, 1);
    if (!s) throw damaged(zip.fileName, 'its table of shared texts is broken');
    if (s.text.length > LIMITS.cellChars) {
      throw overLimit(zip.fileName, `shared text number ${thousands(table.count + 1)} is longer than ${thousands(LIMITS.cellChars)} characters, more than Excel allows in a cell`);
    }
    if (table.count >= maxCount) throw overLimit(zip.fileName, `its table of shared texts holds more than ${thousands(maxCount)} entries, more than its sheets have room for`);
    table.add(s.text);
  });
  return table;
}
