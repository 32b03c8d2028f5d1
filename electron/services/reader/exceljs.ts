import type ExcelJSModule from 'exceljs';

/**
 * exceljs, loaded on first use: compiling it takes about 0.2 s, which every reading thread of a CSV
 * build and the app's start paid for nothing.
 */
export async function exceljs(): Promise<typeof ExcelJSModule> {
  const m = (await import('exceljs')) as { default?: typeof ExcelJSModule };
  return m.default ?? (m as unknown as typeof ExcelJSModule);
}
