import * as XLSXNS from 'xlsx';

/**
 * SheetJS ships CommonJS with a few properties (SSF, CFB) that Node's ESM named-export detection
 * misses; the default export (module.exports) has them all, under tsx, vitest and the bundle alike.
 */
export const XLSX = ((XLSXNS as unknown as { default?: unknown }).default ?? XLSXNS) as typeof XLSXNS;

export interface DateCode { y: number; m: number; d: number; H: number; M: number; S: number }

interface SsfApi {
  format(fmt: string | number, value: number, opts?: { date1904?: boolean }): string;
  is_date(fmt: string | number): boolean;
  parse_date_code(value: number, opts?: { date1904?: boolean }): DateCode | null;
}

interface CfbEntry { name: string; content?: unknown }
interface CfbApi {
  read(data: Uint8Array, opts: { type: 'buffer' }): { FileIndex: CfbEntry[]; FullPaths: string[] };
}

export const SSF = XLSX.SSF as SsfApi;
export const CFB = XLSX.CFB as CfbApi;
