import type { SourceRow } from '../domain/cell';
import type { RowIssue } from '../domain/issue';
import type { ProjectSchema } from '../domain/schema';
import type { ColumnInfo } from '../domain/source';
import {
  BUSINESS_SCALARS, PROJECT_SCALARS,
  type BusinessScalar, type FeedContact, type FeedProject, type FeedValue, type ProjectScalar,
} from '../domain/project';
import type { ErrorAction, ProfileV1, ValueListSpec } from '../profile/profile-types';
import { errorPolicy } from '../profile/error-policy';
import { SlotFactory } from './compile-plan';
import type { Slot } from './field-slot';
import { missingIdIssue, summaryRowIssue } from './row-issue';
import { summaryCell } from './summary-row';

export interface RowResult {
  /** The external id; null when the row has none (then `project` is null too). */
  id: string | null;
  /** The row as a one-row Project; also present when the row has errors (see `hasError`). */
  project: FeedProject | null;
  issues: RowIssue[];
  hasError: boolean;
  /** Catalog path -> header text of scalar fields (shared by all rows; used for merge messages). */
  sources?: Readonly<Record<string, string>>;
  /** A totals row ("Összesen: 2 ügyfél"): no Project, one `summary-row` warning; the pipeline leaves it out. */
  summary?: boolean;
  /** What rows of this Id that contradict each other do (the profile's `onError.conflicts`; merge-projects.ts). */
  conflicts?: ErrorAction;
}

export interface CompiledMapping {
  mapRow(row: SourceRow): RowResult;
  /** The row's external id alone, as mapRow gives it (null: none); the engine's index pass needs only this. */
  idOf(row: SourceRow): string | null;
  /** Column the id is read from (-1: a constant). */
  idColumn: number;
  /** Catalog path -> header text of scalar fields (as in RowResult.sources). */
  sources: Readonly<Record<string, string>>;
  /** The profile's `onError.conflicts` (as in RowResult.conflicts), for Projects put together after the read. */
  conflicts: ErrorAction;
  usedColumns: readonly number[];
  schemaChecked: boolean;
  /** File-level findings (row 0), e.g. custom fields MiniCRM's schema does not list. */
  notes: readonly RowIssue[];
}

export interface CompileOptions {
  schema?: ProjectSchema | null;
  /** First data rows: used to learn each column's decimal separator and day/month order. */
  sampleRows?: readonly SourceRow[];
  phoneRegion?: string;
  /** The file's columns (inspect): which same-named columns the reader renamed, for the duplicate-column warning. */
  columns?: readonly ColumnInfo[];
}

interface ListPlan {
  slots: Slot[];
  specs: ValueListSpec[];
  /** Business lists always carry `<Default>` (as in MiniCRM's example); contact lists only when asked. */
  writeDefault: boolean;
}

interface AddressPlan { type: string | undefined; PostalCode: Slot | null; City: Slot | null; Address: Slot | null }
interface ContactPlan { scalars: Array<[keyof FeedContact['fields'], Slot]>; Emails: ListPlan; Phones: ListPlan }

const present = <K, V>(pairs: Array<[K, V | null]>): Array<[K, V]> =>
  pairs.filter((p): p is [K, V] => p[1] !== null);

function listPlan(f: SlotFactory, specs: ValueListSpec[] | undefined, field: string, business: boolean): ListPlan {
  const list = specs ?? [];
  const slots: Slot[] = [];
  const kept: ValueListSpec[] = [];
  for (const s of list) {
    const slot = f.slot(s, field);
    if (slot) {
      slots.push(slot);
      // The profile's own words go into the feed too: in NFC like the cells.
      kept.push(s.type === undefined ? s : { ...s, type: s.type.normalize('NFC') });
    }
  }
  return { slots, specs: kept, writeDefault: business || list.some((s) => s.default !== undefined) };
}

// Values of one list field before they become FeedValues; reused (rows are mapped one at a time).
const scratch: string[] = [];

function contains(list: readonly FeedValue[], v: string, email: boolean): boolean {
  for (const e of list) if (email ? e.Value.toLowerCase() === v.toLowerCase() : e.Value === v) return true;
  return false;
}

function readList(plan: ListPlan, row: SourceRow, issues: RowIssue[], email: boolean, out: FeedValue[]): FeedValue[] {
  if (plan.slots.length === 0) return out;
  let defaultAt = -1;
  // Without an explicit `default: true`, the first entry not marked `default: false` is the default.
  let firstAllowed = -1;
  for (let i = 0; i < plan.slots.length; i++) {
    const spec = plan.specs[i] as ValueListSpec;
    const n = (plan.slots[i] as Slot).readList(row, issues, scratch, 0);
    for (let k = 0; k < n; k++) {
      const v = scratch[k] as string;
      // The same address in two columns (or twice in one cell) is one entry.
      if (out.length > 0 && contains(out, v, email)) continue;
      if (spec.default === true && defaultAt < 0) defaultAt = out.length;
      if (spec.default !== false && firstAllowed < 0) firstAllowed = out.length;
      const e: FeedValue = spec.type === undefined ? { Value: v } : { Value: v, Type: spec.type };
      out.push(e);
    }
  }
  if (plan.writeDefault && out.length > 0) {
    if (defaultAt < 0) defaultAt = firstAllowed;
    for (let i = 0; i < out.length; i++) (out[i] as FeedValue).Default = i === defaultAt ? '1' : '0';
  }
  return out;
}

/** An external id is a key: removing characters from it would address another card, so it is an error. */
function idIsKey(issues: RowIssue[]): void {
  for (const i of issues) {
    if (i.code === 'forbidden-characters') {
      i.severity = 'error';
      i.message = i.message.replace(/; they were removed\.$/, '; an external id cannot be changed, fix it in the file.');
    }
  }
}

/**
 * Compiles a profile against a file's headers once; `mapRow` then maps and validates one row.
 * Throws `missing-columns` (all missing names + closest headers) or `invalid-profile` (bad constant).
 */
export function compileMapping(profile: ProfileV1, headers: readonly string[], opts: CompileOptions = {}): CompiledMapping {
  const schema = opts.schema ?? null;
  const region = (opts.phoneRegion ?? profile.phoneRegion ?? 'HU').toUpperCase();
  const policy = errorPolicy(profile);
  const conflicts = policy.conflicts;
  const f = new SlotFactory(headers, opts.sampleRows ?? [], region, schema, policy);
  const idSlot = f.slot(profile.project.Id, 'project.Id');
  const project = present(PROJECT_SCALARS.map(
    (k): [ProjectScalar, Slot | null] => [k, f.slot(profile.project[k], `project.${k}`)]));
  const b = profile.business ?? {};
  const business = present(BUSINESS_SCALARS.map((k): [BusinessScalar, Slot | null] => [k, f.slot(b[k], `business.${k}`)]));
  const emails = listPlan(f, b.Emails, 'business.Emails', true);
  const phones = listPlan(f, b.Phones, 'business.Phones', true);
  const addresses: AddressPlan[] = (b.Addresses ?? []).map((a, i) => ({
    type: a.type?.normalize('NFC'),
    PostalCode: f.slot(a.PostalCode, `business.Addresses[${i}].PostalCode`),
    City: f.slot(a.City, `business.Addresses[${i}].City`),
    Address: f.slot(a.Address, `business.Addresses[${i}].Address`),
  }));
  const contacts: ContactPlan[] = (profile.contacts ?? []).map((c, i) => ({
    scalars: present((['FirstName', 'LastName', 'Position'] as const).map(
      (k): [keyof FeedContact['fields'], Slot | null] => [k, f.slot(c[k], `contacts[${i}].${k}`)])),
    Emails: listPlan(f, c.Emails, `contacts[${i}].Emails`, false),
    Phones: listPlan(f, c.Phones, `contacts[${i}].Phones`, false),
  }));
  const custom = present(Object.entries(profile.custom ?? {}).map(
    ([name, ref]): [string, Slot | null] => [name, f.slot(ref, `custom.${name}`, { custom: name })]));
  f.assertComplete();
  const id = idSlot as Slot;
  const sources = Object.freeze({ ...f.sources });

  const mapRow = (row: SourceRow): RowResult => {
    const sum = summaryCell(row.cells, id.index);
    if (sum >= 0) {
      const label = row.cells[sum] as string;
      const issues = [summaryRowIssue(row.row, headers[sum] ?? '', label.trim())];
      return { id: null, project: null, issues, hasError: false, sources, summary: true, conflicts };
    }
    const issues: RowIssue[] = [];
    const idValue = id.read(row, issues);
    if (issues.length > 0) idIsKey(issues);
    if (idValue === null && issues.length === 0) {
      const c = id.index >= 0 ? row.cells[id.index] : null;
      issues.push(missingIdIssue(row.row, id.header, id.field, typeof c === 'string' ? c : ''));
    }
    // Literal rather than emptyProject(): one call less per row and a stable object shape.
    const p: FeedProject = {
      Id: idValue ?? '', fields: {}, custom: [],
      Business: { fields: {}, Emails: [], Phones: [], Addresses: [] }, Contacts: [],
    };
    // Indexed loops: destructuring each [key, slot] pair in a for-of cost measurably per row.
    for (let i = 0; i < project.length; i++) {
      const e = project[i]!;
      const v = e[1].read(row, issues);
      if (v !== null) p.fields[e[0]] = v;
    }
    for (let i = 0; i < business.length; i++) {
      const e = business[i]!;
      const v = e[1].read(row, issues);
      if (v !== null) p.Business.fields[e[0]] = v;
    }
    readList(emails, row, issues, true, p.Business.Emails);
    readList(phones, row, issues, false, p.Business.Phones);
    for (const a of addresses) {
      const pc = a.PostalCode ? a.PostalCode.read(row, issues) : null;
      const city = a.City ? a.City.read(row, issues) : null;
      const addr = a.Address ? a.Address.read(row, issues) : null;
      if (pc === null && city === null && addr === null) continue;
      const out: FeedProject['Business']['Addresses'][number] = {};
      if (pc !== null) out.PostalCode = pc;
      if (city !== null) out.City = city;
      if (addr !== null) out.Address = addr;
      if (a.type !== undefined) out.Type = a.type;
      p.Business.Addresses.push(out);
    }
    for (const c of contacts) {
      const fields: FeedContact['fields'] = {};
      let any = false;
      for (let i = 0; i < c.scalars.length; i++) {
        const e = c.scalars[i]!;
        const v = e[1].read(row, issues);
        if (v !== null) {
          fields[e[0]] = v;
          any = true;
        }
      }
      const ce = readList(c.Emails, row, issues, true, []);
      const cp = readList(c.Phones, row, issues, false, []);
      // A contact whose columns are all empty in this row is not a contact.
      if (any || ce.length || cp.length) p.Contacts.push({ fields, Emails: ce, Phones: cp });
    }
    for (let i = 0; i < custom.length; i++) {
      const e = custom[i]!;
      const v = e[1].read(row, issues);
      if (v !== null) p.custom.push([e[0], v]);
    }
    let hasError = false;
    for (let i = 0; i < issues.length; i++) if (issues[i]!.severity === 'error') hasError = true;
    return { id: idValue, project: idValue === null ? null : p, issues, hasError, sources, summary: false, conflicts };
  };

  const notes: RowIssue[] = f.duplicateNotes(opts.columns ?? []);
  if (schema) {
    for (const [name, s] of custom) {
      if (schema.fields[name] !== undefined) continue;
      notes.push({
        row: 0, column: s.header, field: `custom.${name}`, value: name, severity: 'warning', code: 'unknown-option',
        message: `Custom field "${name}" is not in MiniCRM's schema for category ${schema.categoryId}; MiniCRM may refuse the feed.`,
        params: { name, categoryId: schema.categoryId },
      });
    }
  }
  const idOf = (row: SourceRow): string | null => id.read(row, []);
  return { mapRow, idOf, idColumn: id.index, sources, conflicts, usedColumns: [...f.used].sort((x, y) => x - y), schemaChecked: schema !== null, notes };
}
