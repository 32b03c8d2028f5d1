import type { ZipArchive, ZipPart } from './zip-archive';
import { attr, parseXmlPart } from './xml-stream';
import { isSpreadsheetNs } from './xlsx-names';
import { ssf } from './sheetjs';

/**
 * Number formats by cell style (`s="3"` -> `cellXfs[3]` -> its numFmtId -> a format code): all a
 * reader needs from styles.xml to show a value as the sheet does.
 */

/** Built-in ids without a code in SheetJS's table: East Asian date formats (ECMA-376 18.8.30). */
const EAST_ASIAN_DATES = new Set([27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

export function builtinFormat(id: number): string | undefined {
  if (EAST_ASIAN_DATES.has(id)) return 'yyyy-mm-dd';
  const code = ssf().get_table()[id];
  return code === 'General' ? undefined : code;
}

/** The format code of each cell style, by style index (undefined: General). */
export type StyleFormats = ReadonlyArray<string | undefined>;

export async function readXlsxStyles(zip: ZipArchive, part: ZipPart | undefined): Promise<StyleFormats> {
  if (!part) return [];
  const custom = new Map<number, string>();
  const xfIds: number[] = [];
  let inCellXfs = false;
  await parseXmlPart(zip, part, {
    open(tag) {
      if (!isSpreadsheetNs(tag.uri)) return;
      if (tag.local === 'numFmt') {
        const id = Number(attr(tag, 'numFmtId'));
        const code = attr(tag, 'formatCode');
        if (Number.isInteger(id) && code !== undefined) custom.set(id, code);
      } else if (tag.local === 'cellXfs') inCellXfs = true;
      else if (tag.local === 'xf' && inCellXfs) xfIds.push(Number(attr(tag, 'numFmtId') ?? 0));
    },
    close(tag) {
      if (tag.local === 'cellXfs' && isSpreadsheetNs(tag.uri)) inCellXfs = false;
    },
  });
  return xfIds.map((id) => custom.get(id) ?? builtinFormat(id));
}
