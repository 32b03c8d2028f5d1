import type { RowIssue } from '../domain/issue';
import {
  emptyProject,
  type AssembledProject, type FeedAddress, type FeedContact, type FeedProject, type FeedValue,
} from '../domain/project';
import { catalogField } from '../catalog/field-catalog';
import type { RowResult } from './compile-mapping';

/*
 * Rows that share an Id form one Project. Scalars (project, business and custom fields) keep the
 * first non-empty value; a different later value is a warning naming both rows. Custom fields are
 * scalars too: a card field holds one value, and two elements of one name would let MiniCRM pick
 * silently. Lists (contacts, e-mails, phones, addresses) collect in row order without duplicates.
 *
 * Which row gave a scalar is only recorded once a second row arrives (most projects have one
 * row), in a WeakMap so that AssembledProject keeps its shape.
 */
const origins = new WeakMap<AssembledProject, Map<string, number>>();

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

/** Merges the next row of the same Id into `target`; returns merge-conflict warnings. */
export function mergeInto(target: AssembledProject, next: RowResult, row: number): RowIssue[] {
  target.rows.push(row);
  if (next.hasError) target.rejected = true;
  const src = next.project;
  if (!src) return [];
  const dst = target.project;
  let from = origins.get(target);
  if (!from) origins.set(target, (from = new Map()));
  const firstRow = target.rows[0] ?? row;
  const issues: RowIssue[] = [];
  const sources = next.sources ?? {};

  const scalar = (path: string, had: string | undefined, value: string, set: () => void): void => {
    if (had === undefined || had === '') {
      set();
      from.set(path, row);
      return;
    }
    if (had === value) return;
    const keptRow = from.get(path) ?? firstRow;
    issues.push({
      row,
      column: sources[path] ?? '',
      field: path,
      value,
      severity: 'warning',
      code: 'merge-conflict',
      message: `Row ${row} gives ${label(path)} "${value}" but row ${keptRow} already gave "${had}"; keeping row ${keptRow}.`,
      params: { row, keptRow, field: path, value, kept: had },
    });
  };

  for (const [k, v] of Object.entries(src.fields) as Array<[keyof FeedProject['fields'], string]>) {
    scalar(`project.${k}`, dst.fields[k], v, () => (dst.fields[k] = v));
  }
  for (const [k, v] of Object.entries(src.Business.fields) as Array<[keyof FeedProject['Business']['fields'], string]>) {
    scalar(`business.${k}`, dst.Business.fields[k], v, () => (dst.Business.fields[k] = v));
  }
  for (const [name, v] of src.custom) {
    const i = dst.custom.findIndex((c) => c[0] === name);
    scalar(`custom.${name}`, i < 0 ? undefined : dst.custom[i]?.[1], v, () => {
      if (i < 0) dst.custom.push([name, v]);
    });
  }
  mergeValues(dst.Business.Emails, src.Business.Emails, true);
  mergeValues(dst.Business.Phones, src.Business.Phones, false);
  for (const a of src.Business.Addresses) {
    const key = addressKey(a);
    if (!dst.Business.Addresses.some((d) => addressKey(d) === key)) dst.Business.Addresses.push(a);
  }
  for (const c of src.Contacts) mergeContact(dst.Contacts, c);
  return issues;
}

/** Adds values not yet present; only one entry of a list stays the default. */
function mergeValues(dst: FeedValue[], src: readonly FeedValue[], email: boolean): void {
  const same = (a: string, b: string): boolean => (email ? a.toLowerCase() === b.toLowerCase() : a === b);
  for (const v of src) {
    if (dst.some((d) => same(d.Value, v.Value))) continue;
    const hasDefault = dst.some((d) => d.Default === '1');
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
