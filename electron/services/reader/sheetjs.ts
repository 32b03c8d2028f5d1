import { createRequire } from 'node:module';
import type * as XLSXNS from '@e965/xlsx';

let loaded: typeof XLSXNS | null = null;

/**
 * SheetJS for XLS (BIFF 2-8), HTML/XML "Excel" exports, number formats (SSF) and OLE containers
 * (CFB). It is `@e965/xlsx`: SheetJS's own release, republished to npm unchanged (the `xlsx` name
 * on npm stopped at 0.18.5, which has CVE-2023-30533 and CVE-2024-22363); the exact version and
 * its checksum are pinned in package-lock.json, and docs/workbook-reading.md says how to update it.
 * Loaded on first use: compiling it takes about 0.2 s, which every reading thread of a CSV
 * build and the app's start paid for nothing. Required rather than imported because it is CommonJS
 * with properties (SSF, CFB) that Node's ESM named-export detection misses; module.exports has them
 * all, under tsx, vitest and the bundle alike.
 */
export function xlsx(): typeof XLSXNS {
  return (loaded ??= createRequire(import.meta.url)('@e965/xlsx') as typeof XLSXNS);
}

export interface DateCode { y: number; m: number; d: number; H: number; M: number; S: number }

interface SsfApi {
  format(fmt: string | number, value: number, opts?: { date1904?: boolean }): string;
  get_table(): Record<number, string>;
  is_date(fmt: string | number): boolean;
  parse_date_code(value: number, opts?: { date1904?: boolean }): DateCode | null;
}

interface CfbEntry { name: string; content?: unknown }
interface CfbApi {
  read(data: Uint8Array, opts: { type: 'buffer' }): { FileIndex: CfbEntry[]; FullPaths: string[] };
}

export const ssf = (): SsfApi => xlsx().SSF as SsfApi;
export const cfb = (): CfbApi => xlsx().CFB as CfbApi;
