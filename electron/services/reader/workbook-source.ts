import { debuglog } from 'node:util';
import { CancelledError, UnusableInputError } from '../../../shared/domain/errors';
import type { SourceOptions } from '../../../shared/domain/source';
import type { RawSource } from './raw-source';
import type { SniffedKind } from './sniff';
import { readXlsxWorkbook, type WorkbookSheet } from './xlsx-workbook';
import { xlsxSource, type WorkbookLocation } from './xlsx-source';
import { readXlsbWorkbook } from './xlsb-workbook';
import { xlsbSource } from './xlsb-source';
import { readOdsWorkbook, odsSource } from './ods-source';
import { openWithSheetJs } from './sheetjs-source';
import { damaged } from './workbook-limits';
import { pickSheet } from './sheet-pick';

/**
 * Every workbook format behind one door: XLSX/XLSM, XLSB and ODS are streamed by this app's
 * readers over one ZIP and XML layer; XLS (BIFF) and HTML/XML "Excel" exports go to SheetJS. Any
 * failure that is not already a plain sentence becomes "damaged": no library's or parser's own
 * error text reaches a user.
 */
export async function openWorkbook(at: WorkbookLocation, sniffed: Exclude<SniffedKind, { kind: 'csv' }>, options: SourceOptions): Promise<RawSource> {
  try {
    return guarded(await open(at, sniffed, options), at.fileName);
  } catch (e) {
    throw plain(e, at.fileName);
  }
}

async function open(at: WorkbookLocation, sniffed: Exclude<SniffedKind, { kind: 'csv' }>, options: SourceOptions): Promise<RawSource> {
  switch (sniffed.kind) {
    case 'xlsx': {
      const book = await readXlsxWorkbook(sniffed.zip, sniffed.main).finally(() => sniffed.zip.close());
      const chosen = chooseSheet(book.sheets, options.sheet, at.fileName);
      return xlsxSource(at, book, chosen, sheetInfo(book.sheets));
    }
    case 'xlsb': {
      const book = await readXlsbWorkbook(sniffed.zip, sniffed.main).finally(() => sniffed.zip.close());
      const chosen = chooseSheet(book.sheets, options.sheet, at.fileName);
      return xlsbSource(at, book, chosen, sheetInfo(book.sheets));
    }
    case 'ods': {
      const book = await readOdsWorkbook(sniffed.zip).finally(() => sniffed.zip.close());
      const chosen = chooseSheet(book.sheets, options.sheet, at.fileName);
      return odsSource(at, book, chosen, sheetInfo(book.sheets));
    }
    case 'xls':
    case 'markup':
      return openWithSheetJs(at.path, at.fileName, options.sheet);
  }
}

const sheetInfo = (sheets: readonly WorkbookSheet[]): RawSource['sheets'] =>
  sheets.map(({ name, rowCount, hasData }) => ({ name, rowCount, hasData }));

function chooseSheet<S extends { name: string; hasData: boolean; hidden?: boolean }>(sheets: readonly S[], wanted: string | undefined, fileName: string): S {
  if (sheets.length === 0) throw new UnusableInputError('corrupt-workbook', `${fileName} has no readable worksheets.`, { file: fileName });
  const name = pickSheet(sheets, wanted, fileName);
  return sheets.find((s) => s.name === name) ?? (sheets[0] as S);
}

/** `NODE_DEBUG=minicrm-reader` shows what was behind a "damaged" sentence. */
const debug = debuglog('minicrm-reader');

function plain(e: unknown, fileName: string): Error {
  if (e instanceof UnusableInputError || e instanceof CancelledError) return e;
  debug('%s: %o', fileName, e);
  return damaged(fileName, 'it cannot be read as a spreadsheet');
}

function guarded(src: RawSource, fileName: string): RawSource {
  async function* rows(...args: Parameters<RawSource['rows']>): ReturnType<RawSource['rows']> {
    try {
      yield* src.rows(...args);
    } catch (e) {
      throw plain(e, fileName);
    }
  }
  return { ...src, rows };
}
