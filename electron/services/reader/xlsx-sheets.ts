import type { SheetInfo } from '../../../shared/domain/source';
import { readZipText, type ZipEntry } from './zip-directory';

/**
 * Sheet names, order and a cheap look at each sheet's start (its `<dimension>` and whether any
 * cell holds a value), read from the ZIP without parsing rows. The dimension's last row is what
 * the full read is checked against, so a reader that stops early cannot drop rows silently.
 */
export interface XlsxSheet extends SheetInfo {
  readonly entry: string;
  /** Last row of `<dimension ref="A1:T5000">`, or null when the sheet does not say. */
  readonly lastRow: number | null;
  readonly rId: string;
  readonly sheetId: number;
  /** Hidden sheets (lookup tables, macros' scratch) are never picked by default. */
  readonly hidden: boolean;
}

export interface XlsxWorkbook {
  readonly sheets: XlsxSheet[];
  readonly date1904: boolean;
}

const decodeXml = (s: string): string =>
  s.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-f]+|#\d+);/gi, (_, e: string) => {
    const k = e.toLowerCase();
    if (k === 'lt') return '<';
    if (k === 'gt') return '>';
    if (k === 'amp') return '&';
    if (k === 'quot') return '"';
    if (k === 'apos') return "'";
    return String.fromCodePoint(k.startsWith('#x') ? parseInt(k.slice(2), 16) : parseInt(k.slice(1), 10));
  });

function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    out[m[1] as string] = decodeXml(m[2] ?? m[3] ?? '');
  }
  return out;
}

export async function listXlsxSheets(path: string, zip: Map<string, ZipEntry>, fileName: string): Promise<XlsxWorkbook> {
  const wbEntry = zip.get('xl/workbook.xml');
  const relEntry = zip.get('xl/_rels/workbook.xml.rels');
  if (!wbEntry || !relEntry) return { sheets: [], date1904: false };
  const [wb, rels] = await Promise.all([readZipText(path, wbEntry, fileName), readZipText(path, relEntry, fileName)]);
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const a = attrs(m[0]);
    if (a.Id && a.Target && /\/worksheet$/.test(a.Type ?? '')) {
      targets.set(a.Id, a.Target.startsWith('/') ? a.Target.slice(1) : `xl/${a.Target}`);
    }
  }
  const sheets: XlsxSheet[] = [];
  for (const m of wb.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const a = attrs(m[0]);
    const rid = Object.entries(a).find(([k]) => k === 'r:id' || k.endsWith(':id'))?.[1];
    const target = rid ? targets.get(rid) : undefined;
    const entry = target ? zip.get(target) : undefined;
    if (!a.name || !entry || !rid) continue; // chart sheets and dialogs hold no rows
    sheets.push({ name: a.name, entry: entry.name, rId: rid, sheetId: Number(a.sheetId ?? sheets.length + 1),
      hidden: a.state === 'hidden' || a.state === 'veryHidden',
      ...(await peekSheet(path, entry, fileName)), rowCount: null });
  }
  const pr = /<(?:\w+:)?workbookPr\b[^>]*>/.exec(wb)?.[0] ?? '';
  const d1904 = attrs(pr).date1904;
  return { sheets, date1904: d1904 === '1' || d1904 === 'true' };
}

async function peekSheet(path: string, entry: ZipEntry, fileName: string): Promise<{ hasData: boolean; lastRow: number | null }> {
  const head = await readZipText(path, entry, fileName, 256 * 1024);
  const dim = /<(?:\w+:)?dimension\b[^>]*\bref="([^"]*)"/.exec(head)?.[1];
  const lastRow = dim ? Number(/(\d+)$/.exec(dim)?.[1] ?? NaN) : NaN;
  const dataAt = head.search(/<(?:\w+:)?sheetData\b/);
  const body = dataAt >= 0 ? head.slice(dataAt) : '';
  const empty = /^<(?:\w+:)?sheetData\s*\/>/.test(body) || /^<(?:\w+:)?sheetData\s*>\s*<\/(?:\w+:)?sheetData>/.test(body);
  // A value (<v>) or inline string (<is>) in the first 256 KB, or more sheet than we looked at.
  const hasData = !empty && (/<(?:\w+:)?(?:v|is)\b/.test(body) || head.length >= 256 * 1024);
  return { hasData, lastRow: Number.isFinite(lastRow) ? lastRow : null };
}
