import type { FieldRef, ProfileV1 } from './profile-types';
import { editDistance, foldText, headerKey } from '../mapping/column-match';

export interface ProfileMatch {
  /** Columns the profile reads that the file lacks (as written in the profile). */
  missing: string[];
  /** Columns of the file the profile does not read (as in the file). */
  added: string[];
  /** Likely renames: a missing column and an added header that look alike. Both also stay in missing/added. */
  renamed: Array<{ from: string; to: string }>;
}

/** Visits every column reference of a profile; `rename` may return a new column name. */
function walk(p: ProfileV1, visit: (column: string) => string | void): ProfileV1 {
  const ref = (r: FieldRef | undefined): FieldRef | undefined => {
    if (r === undefined) return r;
    if (typeof r === 'string') return visit(r) ?? r;
    if (r.column === undefined) return r;
    return { ...r, column: visit(r.column) ?? r.column };
  };
  const spec = <T extends object>(o: T): T => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) {
      if (Array.isArray(v)) out[k] = v.map((e: unknown) => (typeof e === 'object' && e !== null && !('column' in e) && !('value' in e) ? spec(e) : ref(e as FieldRef)));
      else if (k === 'type') out[k] = v;
      else out[k] = ref(v as FieldRef);
    }
    return out as T;
  };
  const out: ProfileV1 = { ...p, project: spec(p.project) };
  if (p.business) out.business = spec(p.business);
  if (p.contacts) out.contacts = p.contacts.map((c) => spec(c));
  if (p.custom) {
    out.custom = {};
    for (const [k, v] of Object.entries(p.custom)) out.custom[k] = ref(v) as FieldRef;
  }
  return out;
}

/** Every column a profile reads, in profile order, without repeats. */
export function columnRefs(p: ProfileV1): string[] {
  const seen = new Map<string, string>();
  walk(p, (c) => {
    if (!seen.has(headerKey(c))) seen.set(headerKey(c), c);
  });
  return [...seen.values()];
}

/** The profile with columns renamed (`from` -> `to`), e.g. after the user accepted proposed renames. */
export function renameColumns(p: ProfileV1, renames: ReadonlyArray<{ from: string; to: string }>): ProfileV1 {
  const m = new Map(renames.map((r) => [headerKey(r.from), r.to]));
  return walk(p, (c) => m.get(headerKey(c)));
}

/** How a saved profile fits a file's headers: what is missing, what is new, what was probably renamed. */
export function matchProfileToHeaders(p: ProfileV1, headers: readonly string[]): ProfileMatch {
  const refs = columnRefs(p);
  const have = new Set(headers.map(headerKey));
  const used = new Set(refs.map(headerKey));
  const missing = refs.filter((r) => !have.has(headerKey(r)));
  const added = headers.filter((h) => h.trim() !== '' && !used.has(headerKey(h)));
  const renamed: Array<{ from: string; to: string }> = [];
  const free = new Set(added);
  for (const m of missing) {
    const fm = foldText(m);
    let best: string | null = null;
    let bestD = Infinity;
    for (const h of free) {
      const fh = foldText(h);
      const d = fh === fm ? 0 : editDistance(fm, fh);
      const limit = Math.max(1, Math.floor(Math.max(fm.length, fh.length) / 4));
      if (d <= limit && d < bestD) {
        bestD = d;
        best = h;
      }
    }
    if (best !== null) {
      renamed.push({ from: m, to: best });
      free.delete(best);
    }
  }
  return { missing, added, renamed };
}

/** Stable text naming a header set (normalised, in order); storage hashes it to recognise files. */
export function headerFingerprint(headers: readonly string[]): string {
  return JSON.stringify(headers.map(headerKey));
}

/** Headers the profile does not read (could be offered as custom fields). */
export function unmappedColumns(p: ProfileV1, headers: readonly string[]): string[] {
  return matchProfileToHeaders(p, headers).added;
}
