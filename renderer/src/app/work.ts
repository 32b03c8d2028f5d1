/**
 * The user's work on one import, as the renderer keeps it: cell fixes and left-out rows (keyed by
 * row number and source column, so they survive any mapping change) and whether the mapping was
 * changed since it was proposed or saved. Main's Check session holds the same fixes while a check
 * is open; every change made there is mirrored here at once, so leaving Check loses nothing.
 */
import { isRestoredRow } from '../../../shared/domain/restored-row';
import type { SourceInfo } from '../../../shared/domain/source';
import type { CellEdit } from '../../../shared/ipc/contract';
import type { ProfileV1 } from '../../../shared/profile/profile-types';

export interface Work {
  edits: CellEdit[];
  excludedRows: number[];
}

/** An edit replaces an earlier one of the same cell. */
export function withEdit(edits: readonly CellEdit[], e: CellEdit): CellEdit[] {
  return [...edits.filter((x) => x.row !== e.row || x.column !== e.column), e];
}

export function withExclusion(rows: readonly number[], changed: readonly number[], excluded: boolean): number[] {
  const set = new Set(rows);
  for (const r of changed) {
    if (excluded) set.add(r);
    else set.delete(r);
  }
  return [...set].sort((a, b) => a - b);
}

/** A kept row forgotten for good: its fixes and its left-out mark go with it. */
export function withoutRow(work: Work, row: number): Work {
  return { edits: work.edits.filter((e) => e.row !== row), excludedRows: work.excludedRows.filter((r) => r !== row) };
}

export const sameProfile = (a: ProfileV1 | null, b: ProfileV1 | null): boolean => JSON.stringify(a) === JSON.stringify(b);

/** What would be forgotten by starting over: fixes, left-out rows, and a mapping changed but not saved. */
export interface WorkAtRisk {
  edits: number;
  skipped: number;
  mappingChanged: boolean;
}

export function workAtRisk(s: Work & { profile: ProfileV1 | null; savedProfile: ProfileV1 | null; deliveredWork: string | null }): WorkAtRisk | null {
  const risk: WorkAtRisk = { edits: s.edits.length, skipped: s.excludedRows.length, mappingChanged: !sameProfile(s.profile, s.savedProfile) };
  if (risk.edits === 0 && risk.skipped === 0 && !risk.mappingChanged) return null;
  // Everything was just delivered as it is: nothing would be lost.
  if (s.deliveredWork !== null && s.deliveredWork === workKey(s)) return null;
  return risk;
}

/** A fingerprint of the work, taken when a sync delivered it. */
export function workKey(s: Work & { profile: ProfileV1 | null }): string {
  return JSON.stringify([s.edits, s.excludedRows, s.profile]);
}

/**
 * The file read again with other settings (sheet, header row, encoding, separator): fixes stay
 * where their row and column still exist. A different sheet holds other rows, so nothing of the
 * file's own rows is kept then; rows above the new header row are gone; a column whose name
 * changed (other encoding or separator) takes its fixes with it. Kept rows from earlier imports
 * do not depend on the file's layout and always stay.
 */
export function workAfterReread(work: Work, before: SourceInfo, after: SourceInfo): { kept: Work; lost: { edits: number; skipped: number } } {
  const rowStays = (row: number) => isRestoredRow(row) || (before.sheet === after.sheet && row > after.headerRow);
  const edits = work.edits.filter((e) => rowStays(e.row) && after.headers.includes(e.column));
  const excludedRows = work.excludedRows.filter(rowStays);
  return {
    kept: { edits, excludedRows },
    lost: { edits: work.edits.length - edits.length, skipped: work.excludedRows.length - excludedRows.length },
  };
}
