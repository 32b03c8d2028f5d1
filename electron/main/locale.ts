import type { Language } from '../../shared/ipc/types';

/** The user's choice wins; otherwise Hungarian for a Hungarian OS, English for everything else. */
export function resolveLanguage(pref: Language | null | undefined, osLocale: string): Language {
  if (pref === 'hu' || pref === 'en') return pref;
  return /^hu\b/i.test(osLocale) ? 'hu' : 'en';
}

const SOURCE_FILE = /\.(csv|tsv|txt|xlsx|xlsm|xls|ods)$/i;

/**
 * The spreadsheet given on the command line (file association, "Open with", a second instance):
 * the last argument that looks like one; flags and the executable itself are skipped.
 */
export function fileFromArgv(argv: readonly string[]): string | null {
  for (let i = argv.length - 1; i >= 1; i--) {
    const a = argv[i];
    if (a && !a.startsWith('-') && SOURCE_FILE.test(a)) return a;
  }
  return null;
}
