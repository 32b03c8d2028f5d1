import { UnusableInputError } from '../../../shared/domain/errors';

/**
 * What a workbook or a CSV may hold before the readers stop with one sentence: Excel's own limits
 * for what a sheet holds, and bounds on what a ZIP part may unpack to. Each limit is applied where
 * the part is inflated (zip-archive.ts) or parsed (xml-stream.ts, the sheet readers, the CSV
 * tokenizer), never per format on top. docs/security.md lists them with the tests that prove them.
 */
export const LIMITS = {
  /** Excel's maximum characters in one cell. */
  cellChars: 32_767,
  /** Excel's last column (XFD); also the most cells one CSV record may have. */
  columns: 16_384,
  /** The longest CSV record: where no line break follows within this many bytes, the file is not read in pieces there. */
  csvRecordBytes: 8 * 1024 * 1024,
  /** Excel's last row. */
  rows: 1_048_576,
  /** A ZIP part may always unpack to this much, whatever its compressed size. */
  entryFloorBytes: 32 * 1024 * 1024,
  /**
   * Beyond the floor, at most this many bytes per compressed byte. Real sheets pack 5-30 to 1
   * (the 100,000-row bench sheet: 6.5); "zip bombs" pack near deflate's maximum of 1032 to 1.
   */
  inflateRatio: 200,
  /** All parts read from one file together: this much, or `inflateRatio` times the file size. */
  budgetFloorBytes: 1024 * 1024 * 1024,
  /** Entries in one ZIP (a workbook has tens; 100,000-entry archives exist only to stall readers). */
  zipEntries: 200_000,
  /** XML nesting depth, attributes per element, characters of a name or of raw markup text. */
  xmlDepth: 256,
  xmlAttributes: 1024,
  xmlNameChars: 4096,
} as const;

/** Raw XML text may be longer than the cell it becomes: entities and `_xHHHH_` escapes (up to 7 characters each). */
export const XML_TEXT_CHARS = LIMITS.cellChars * 8 + 4096;

export function overLimit(fileName: string, reason: string, params: Record<string, string | number> = {}): UnusableInputError {
  return new UnusableInputError('workbook-over-limit', `${fileName} cannot be read: ${reason}.`, { file: fileName, ...params });
}

export function damaged(fileName: string, what = 'its structure is broken'): UnusableInputError {
  return new UnusableInputError('corrupt-workbook', `${fileName} is damaged or incomplete (${what}); save or download it again.`,
    { file: fileName });
}

export const thousands = (n: number): string => n.toLocaleString('en-US');
