import type { RowIssue } from '../domain/issue';
import {
  BUSINESS_SCALARS, PROJECT_SCALARS, emptyProject,
  type AssembledProject, type FeedAddress, type FeedContact, type FeedProject, type FeedValue,
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
 * What a Project holds already (which row gave a scalar, the keys of its lists) is only indexed once
 * a second row arrives (most projects have one row). The index keeps a merge linear: a customer of an
 * order export can have tens of thousands of rows, each with a contact of its own. It is one Map per
 * project (most have a few rows), AssembledProject.held:
 *   `f` + path: the row that gave that scalar;
 *   list + `\u0001` + a value's key: the list holds it; list alone: the list has a default;
 *   `c` + a contact's key: its place in Contacts.
 * A list is `E`, `P`, `A` (the company's e-mails, phones, addresses) or a contact's place + `e`/`p`.
 */
type MergeIndex = Map<string, number>;
const PROJECT_PATHS = PROJECT_SCALARS.map((k) => `project.${k}`);
const BUSINESS_PATHS = BUSINESS_SCALARS.map((k) => `business.${k}`);

/** The first row of a Project. The row's FeedProject is taken over, not copied (mapRow makes a fresh one per row). */
export function startProject(result: RowResult, row: number): AssembledProject {
  return {
    project: result.project ?? emptyProject(result.id ?? ''),
    rows: [row],
    rejected: result.hasError,
    held: null,
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
  index: MergeIndex;
  sources: Readonly<Record<string, string>>;
  issues: RowIssue[];
}

/**
 * Decides one scalar: true when `value` should be taken (nothing there yet); a different value
 * already there becomes a warning. A plain function, not a closure: mergeInto runs per row.
 */
function takeScalar(c: MergeCtx, path: string, had: string | undefined, value: string): boolean {
  if (had === undefined || had === '') {
    c.index.set(`f${path}`, c.row);
    return true;
  }
  if (had !== value) {
    const keptRow = c.index.get(`f${path}`) ?? c.firstRow;
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
  const index = (target.held ??= indexOf(dst));
  const reject = next.conflicts === 'reject';
  const c: MergeCtx = { reject, row, firstRow: target.rows[0] ?? row, index, sources: next.sources ?? {}, issues: [] };

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
  mergeValues(dst.Business.Emails, index, 'E', src.Business.Emails, true);
  mergeValues(dst.Business.Phones, index, 'P', src.Business.Phones, false);
  for (const a of src.Business.Addresses) {
    const key = `A\u0001${addressKey(a)}`;
    if (index.has(key)) continue;
    index.set(key, 1);
    dst.Business.Addresses.push(a);
  }
  for (const ct of src.Contacts) mergeContact(dst.Contacts, index, ct);
  if (reject && c.issues.length > 0) target.rejected = true;
  return c.issues;
}

function indexOf(p: FeedProject): MergeIndex {
  const index: MergeIndex = new Map();
  addList(index, 'E', p.Business.Emails, true);
  addList(index, 'P', p.Business.Phones, false);
  for (const a of p.Business.Addresses) index.set(`A\u0001${addressKey(a)}`, 1);
  p.Contacts.forEach((ct, at) => {
    const key = `c${contactIndexKey(ct)}`;
    if (index.has(key)) return;
    index.set(key, at);
    addList(index, `${at}e`, ct.Emails, true);
    addList(index, `${at}p`, ct.Phones, false);
  });
  return index;
}

function addList(index: MergeIndex, list: string, values: readonly FeedValue[], email: boolean): void {
  for (const v of values) {
    index.set(`${list}\u0001${valueKey(v, email)}`, 1);
    if (v.Default === '1') index.set(list, 1);
  }
}

const valueKey = (v: FeedValue, email: boolean): string => (email ? v.Value.toLowerCase() : v.Value);

/** Adds values not yet present (e-mails compared without case); only one entry of a list stays the default. */
function mergeValues(dst: FeedValue[], index: MergeIndex, list: string, src: readonly FeedValue[], email: boolean): void {
  for (const v of src) {
    const key = `${list}\u0001${valueKey(v, email)}`;
    if (index.has(key)) continue;
    index.set(key, 1);
    const isDefault = v.Default === '1';
    const demote = isDefault && index.has(list);
    if (isDefault) index.set(list, 1);
    dst.push(demote ? { ...v, Default: '0' } : v);
  }
}

function addressKey(a: FeedAddress): string {
  return `${a.PostalCode ?? ''}\u0000${a.City ?? ''}\u0000${a.Address ?? ''}\u0000${a.Type ?? ''}`;
}

function nameKey(c: FeedContact): string {
  const { FirstName = '', LastName = '' } = c.fields;
  return `${LastName}\u0000${FirstName}`.toLowerCase();
}

/** A named contact is known by its name; a nameless one by all it holds (it merges only when identical). */
function contactIndexKey(c: FeedContact): string {
  const key = nameKey(c);
  return key !== '\u0000' ? `n${key}` : `c${JSON.stringify([c.fields, c.Emails, c.Phones])}`;
}

/**
 * The same person on several rows (same first and last name) is one contact whose e-mails and
 * phones are collected; nameless contacts merge only when they are identical.
 */
function mergeContact(dst: FeedContact[], index: MergeIndex, c: FeedContact): void {
  const key = `c${contactIndexKey(c)}`;
  const at = index.get(key);
  if (at === undefined) {
    index.set(key, dst.length);
    addList(index, `${dst.length}e`, c.Emails, true);
    addList(index, `${dst.length}p`, c.Phones, false);
    dst.push(c);
    return;
  }
  const same = dst[at]!;
  if (same.fields.Position === undefined && c.fields.Position !== undefined) same.fields.Position = c.fields.Position;
  mergeValues(same.Emails, index, `${at}e`, c.Emails, true);
  mergeValues(same.Phones, index, `${at}p`, c.Phones, false);
}
