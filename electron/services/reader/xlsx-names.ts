/**
 * SpreadsheetML namespaces (transitional, as Excel writes; strict, as Excel's "Strict Open XML"
 * writes) and cell references. Elements are matched by these URIs, whatever their prefix.
 */
const SML = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const SML_STRICT = 'http://purl.oclc.org/ooxml/spreadsheetml/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const REL_STRICT = 'http://purl.oclc.org/ooxml/officeDocument/relationships';

/** Some generators leave the namespace out altogether; their elements are read too. */
const SPREADSHEET_NS = new Map([[SML, true], [SML_STRICT, true], ['', true]]);

/** A map lookup: the parser's URI strings hash once, while comparing them with constants costs every tag. */
export function isSpreadsheetNs(uri: string): boolean {
  return SPREADSHEET_NS.get(uri) === true;
}

export const RELATIONSHIP_NS = [REL, REL_STRICT] as const;

/**
 * `AB12` -> column 27 (0-based) and row 12; letters only (`AB`) -> row 0. Null when it is not a
 * reference. A hand loop: it runs for every cell of every sheet.
 */
export function parseCellRef(ref: string): { col: number; row: number } | null {
  let i = 0;
  let col = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 0x20;
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
    if (col > 1_000_000) return null;
  }
  if (i === 0) return null;
  let row = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c === 36) continue; // `$`
    if (c < 48 || c > 57) return null;
    row = row * 10 + (c - 48);
    if (row > 100_000_000) return null;
  }
  return { col: col - 1, row };
}
