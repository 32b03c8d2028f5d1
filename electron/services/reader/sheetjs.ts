import { createRequire } from 'node:module';
import type * as XLSXNS from 'xlsx';

let loaded: typeof XLSXNS | null = null;

/**
 * SheetJS, loaded on first use: compiling it takes about 0.2 s, which every reading thread of a CSV
 * build and the app's start paid for nothing. Required rather than imported because it is CommonJS
 * with properties (SSF, CFB) that Node's ESM named-export detection misses; module.exports has them
 * all, under tsx, vitest and the bundle alike.
 */
export function xlsx(): typeof XLSXNS {
  return (loaded ??= createRequire(import.meta.url)('xlsx') as typeof XLSXNS);
}

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

export const ssf = (): SsfApi => xlsx().SSF as SsfApi;
export const cfb = (): CfbApi => xlsx().CFB as CfbApi;
