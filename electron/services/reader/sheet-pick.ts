import { UnusableInputError } from '../../../shared/domain/errors';

/** The sheet to read: the one asked for (any letter case), else the first visible sheet with data. */
export function pickSheet(sheets: ReadonlyArray<{ name: string; hasData: boolean; hidden?: boolean }>, wanted: string | undefined,
  fileName: string): string {
  if (wanted !== undefined) {
    const hit = sheets.find((s) => s.name === wanted) ?? sheets.find((s) => s.name.trim().toLowerCase() === wanted.trim().toLowerCase());
    if (!hit) {
      throw new UnusableInputError('sheet-not-found',
        `${fileName} has no sheet "${wanted}"; its sheets are: ${sheets.map((s) => `"${s.name}"`).join(', ')}.`,
        { file: fileName, sheet: wanted, sheets: sheets.map((s) => s.name).join(', ') });
    }
    return hit.name;
  }
  // The first sheet with data that the user can see; hidden sheets only when nothing else has data.
  return (sheets.find((s) => s.hasData && !s.hidden) ?? sheets.find((s) => s.hasData) ?? sheets[0])?.name ?? '';
}
