import type { RowIssue } from '../domain/issue';
import {
  BUSINESS_SCALARS, PROJECT_SCALARS, emptyProject,
  type AssembledProject, type FeedAddress, type FeedContact, type FeedValue,
} from '../domain/project';
import { catalogField } from '../catalog/field-catalog';
import type { RowResult } from './compile-mapping';

/*
 * Rows that share an Id form one Project. Scalars (project, business and custom fields) keep the
 * first non-empty value; a different later value is a warning naming both rows, or an error that
 * rejects the Project when the profile says so (`onError.conflicts: "reject"`). Custom fields are
 * scalars too: a card field holds one value, and two elements of one name would let MiniCRM pick
 * silently. Lists (contacts, e-mails, phones, addresses) collect in row order without duplicates.
 *
 * Which row gave a scalar is only recorded once a second row arrives (most projects have one
 * row), in a WeakMap so that AssembledProject keeps its shape.
 */
const origins = new WeakMap<AssembledProject, Map<string, number>>();
// Made once: a merge looks at every scalar of every row after a Project's first.
const PROJECT_PATHS = PROJECT_SCALARS.map((k) => `project.${k}`);
const BUSINESS_PATHS = BUSINESS_SCALARS.map((k) => `business.${k}`);

/** The first row of a Project. The row's FeedProject is taken over, not copied (mapRow makes a fresh one per row). */
export function startProject(result: RowResult, row: number): AssembledProject {
  return {
    project: result.project ?? emptyProject(result.id ?? ''),
    rows: [row],
    rejected: result.hasError,
  };
}

function label(path: string): string {
  if (path.startsWith('project.')) return path.slice('project.'.length);
  if (path.startsWith('custom.')) return path.slice('custom.'.length);
  return catalogField(path)?.label.en ?? path;
}

interface MergeCtx {
  reject: boolean;
  row: number;
  firstRow: number;
  from: Map<string, number>;
  sources: Readonly<Record<string, string>>;
  issues: RowIssue[];
}

/**
 * Decides one scalar: true when `value` should be taken (nothing there yet); a different value
 * already there becomes a warning. A plain function, not a closure: mergeInto runs per row.
 */
function takeScalar(c: MergeCtx, path: string, had: string | undefined, value: string): boolean {
  if (had === undefined || had === '') {
    c.from.set(path, c.row);
    return true;
  }
  if (had !== value) {
    const keptRow = c.from.get(path) ?? c.firstRow;
    const outcome = c.reject ? 'the project is rejected (the profile says rows of one Id must agree).' : `keeping row ${keptRow}.`;
    c.issues.push({
      row: c.row,
      column: c.sources[path] ?? '',
      field: path,
      value,
      severity: c.reject ? 'error' : 'warning',
      code: 'merge-conflict',
      message: `Row ${c.row} gives ${label(path)} "${value}" but row ${keptRow} already gave "${had}"; ${outcome}`,
      params: { row: c.row, keptRow, field: path, value, kept: had },
    });
  }
  return false;
}

/** Merges the next row of the same Id into `target`; returns merge-conflict issues (errors when the profile rejects conflicts). */
export function mergeInto(target: AssembledProject, next: RowResult, row: number): RowIssue[] {
  target.rows.push(row);
  if (next.hasError) target.rejected = true;
  const src = next.project;
  if (!src) return [];
  const dst = target.project;
  let from = origins.get(target);
  if (!from) origins.set(target, (from = new Map()));
  const reject = next.conflicts === 'reject';
  const c: MergeCtx = { reject, row, firstRow: target.rows[0] ?? row, from, sources: next.sources ?? {}, issues: [] };

  for (let i = 0; i < PROJECT_SCALARS.length; i++) {
    const k = PROJECT_SCALARS[i]!;
    const v = src.fields[k];
    if (v !== undefined && takeScalar(c, PROJECT_PATHS[i]!, dst.fields[k], v)) dst.fields[k] = v;
  }
  for (let i = 0; i < BUSINESS_SCALARS.length; i++) {
    const k = BUSINESS_SCALARS[i]!;
    const v = src.Business.fields[k];
    if (v !== undefined && takeScalar(c, BUSINESS_PATHS[i]!, dst.Business.fields[k], v)) dst.Business.fields[k] = v;
  }
  for (const [name, v] of src.custom) {
    let had: string | undefined;
    for (const e of dst.custom) if (e[0] === name) had = e[1];
    if (takeScalar(c, `custom.${name}`, had, v) && had === undefined) dst.custom.push([name, v]);
  }
  mergeValues(dst.Business.Emails, src.Business.Emails, true);
  mergeValues(dst.Business.Phones, src.Business.Phones, false);
  for (const a of src.Business.Addresses) {
    const key = addressKey(a);
    let seen = false;
    for (const d of dst.Business.Addresses) if (addressKey(d) === key) seen = true;
    if (!seen) dst.Business.Addresses.push(a);
  }
  for (const ct of src.Contacts) mergeContact(dst.Contacts, ct);
  if (reject && c.issues.length > 0) target.rejected = true;
  return c.issues;
}

/** Adds values not yet present (e-mails compared without case); only one entry of a list stays the default. */
function mergeValues(dst: FeedValue[], src: readonly FeedValue[], email: boolean): void {
  for (const v of src) {
    const key = email ? v.Value.toLowerCase() : v.Value;
    let present = false;
    let hasDefault = false;
    for (const d of dst) {
      if ((email ? d.Value.toLowerCase() : d.Value) === key) present = true;
      if (d.Default === '1') hasDefault = true;
    }
    if (present) continue;
    dst.push(v.Default === '1' && hasDefault ? { ...v, Default: '0' } : v);
  }
}

function addressKey(a: FeedAddress): string {
  return `${a.PostalCode ?? ''}\u0000${a.City ?? ''}\u0000${a.Address ?? ''}\u0000${a.Type ?? ''}`;
}

function nameKey(c: FeedContact): string {
  const { FirstName = '', LastName = '' } = c.fields;
  return `${LastName}\u0000${FirstName}`.toLowerCase();
}

/**
 * The same person on several rows (same first and last name) is one contact whose e-mails and
 * phones are collected; nameless contacts merge only when they are identical.
 */
function mergeContact(dst: FeedContact[], c: FeedContact): void {
  const key = nameKey(c);
  const named = key !== '\u0000';
  const same = dst.find((d) => (named ? nameKey(d) === key : contactKey(d) === contactKey(c)));
  if (!same) {
    dst.push(c);
    return;
  }
  if (same.fields.Position === undefined && c.fields.Position !== undefined) same.fields.Position = c.fields.Position;
  mergeValues(same.Emails, c.Emails, true);
  mergeValues(same.Phones, c.Phones, false);
}

function contactKey(c: FeedContact): string {
  return JSON.stringify([c.fields, c.Emails, c.Phones]);
}
