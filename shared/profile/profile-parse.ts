import { UnusableInputError } from '../domain/errors';
import { FIELD_TYPES, isValidApiName } from '../catalog/field-catalog';
import { BUSINESS_SCALARS } from '../domain/project';
import type {
  AddressSpec, BusinessSpec, ContactSpec, ErrorAction, ErrorPolicy, FieldRef, FieldSpec, FieldType, ProfileV1,
} from './profile-types';
import { ERROR_ACTIONS, POLICY_KEYS } from './error-policy';

/**
 * Profile format parser (versions 1 and 2). Hand-written rather than a schema library so that every refusal
 * names the exact key path the user has to fix in their JSON file (`business.Emails[0].colum`).
 */
type Obj = Record<string, unknown>;

function fail(message: string): never {
  // Every message quotes the key path first; the UI names that path in the user's language.
  const key = /"([^"]+)"/.exec(message)?.[1] ?? '';
  throw new UnusableInputError('invalid-profile', message, { key });
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkKeys(o: Obj, path: string, allowed: readonly string[]): void {
  for (const k of Object.keys(o)) {
    if (!allowed.includes(k)) fail(`Profile key "${path ? `${path}.` : ''}${k}" is not known`);
  }
}

function obj(v: unknown, path: string): Obj {
  if (!isObj(v)) fail(`"${path}" must be an object`);
  return v;
}

function str(v: unknown, path: string, allowEmpty = false): string {
  if (typeof v !== 'string') fail(`"${path}" must be a text`);
  if (!allowEmpty && v.trim() === '') fail(`"${path}" must not be empty`);
  return v;
}

function optStr(o: Obj, key: string, path: string): string | undefined {
  return o[key] === undefined ? undefined : str(o[key], `${path}.${key}`);
}

function arr(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) fail(`"${path}" must be a list`);
  return v;
}

const SPEC_KEYS = ['column', 'value', 'as', 'split', 'type', 'default'] as const;

function fieldSpec(v: Obj, path: string, allowValue: boolean): FieldSpec {
  checkKeys(v, path, SPEC_KEYS);
  const out: FieldSpec = {};
  const hasColumn = v.column !== undefined;
  const hasValue = v.value !== undefined;
  if (hasColumn && hasValue) fail(`"${path}" must have either "column" or "value", not both`);
  if (!hasColumn && !hasValue) fail(`"${path}" needs a "column" or a "value"`);
  if (hasColumn) out.column = str(v.column, `${path}.column`);
  if (hasValue) {
    if (!allowValue) fail(`"${path}.value" is not allowed here`);
    // A constant may be given as a JSON number (`"CategoryId": {"value": 3}`): keep it as text.
    out.value = typeof v.value === 'number' && Number.isFinite(v.value) ? String(v.value) : str(v.value, `${path}.value`);
  }
  if (v.as !== undefined) {
    if (typeof v.as !== 'string' || !FIELD_TYPES.includes(v.as as FieldType)) {
      fail(`"${path}.as" must be one of ${FIELD_TYPES.join(', ')}`);
    }
    out.as = v.as as FieldType;
  }
  if (v.split !== undefined) {
    if (typeof v.split !== 'boolean') fail(`"${path}.split" must be true or false`);
    out.split = v.split;
  }
  if (v.type !== undefined) out.type = str(v.type, `${path}.type`);
  if (v.default !== undefined) {
    if (typeof v.default !== 'boolean') fail(`"${path}.default" must be true or false`);
    out.default = v.default;
  }
  return out;
}

function fieldRef(v: unknown, path: string): FieldRef {
  if (typeof v === 'string') return str(v, path);
  if (isObj(v)) return fieldSpec(v, path, true);
  return fail(`"${path}" must be a column name or an object with "column" or "value"`);
}

function listSpecs(v: unknown, path: string): FieldSpec[] {
  return arr(v, path).map((e, i) => {
    const p = `${path}[${i}]`;
    if (typeof e === 'string') return { column: str(e, p) };
    return fieldSpec(obj(e, p), p, true);
  });
}

function addressSpec(v: unknown, path: string): AddressSpec {
  const o = obj(v, path);
  checkKeys(o, path, ['type', 'PostalCode', 'City', 'Address']);
  const out: AddressSpec = {};
  const type = optStr(o, 'type', path);
  if (type !== undefined) out.type = type;
  for (const k of ['PostalCode', 'City', 'Address'] as const) {
    if (o[k] !== undefined) out[k] = fieldRef(o[k], `${path}.${k}`);
  }
  if (out.PostalCode === undefined && out.City === undefined && out.Address === undefined) {
    fail(`"${path}" maps none of PostalCode, City, Address`);
  }
  return out;
}

function businessSpec(v: unknown): BusinessSpec {
  const o = obj(v, 'business');
  checkKeys(o, 'business', [...BUSINESS_SCALARS, 'Emails', 'Phones', 'Addresses']);
  const out: BusinessSpec = {};
  for (const k of BUSINESS_SCALARS) if (o[k] !== undefined) out[k] = fieldRef(o[k], `business.${k}`);
  if (o.Emails !== undefined) out.Emails = listSpecs(o.Emails, 'business.Emails');
  if (o.Phones !== undefined) out.Phones = listSpecs(o.Phones, 'business.Phones');
  if (o.Addresses !== undefined) {
    out.Addresses = arr(o.Addresses, 'business.Addresses').map((a, i) => addressSpec(a, `business.Addresses[${i}]`));
  }
  return out;
}

function contactSpec(v: unknown, path: string): ContactSpec {
  const o = obj(v, path);
  checkKeys(o, path, ['FirstName', 'LastName', 'Position', 'Emails', 'Phones']);
  const out: ContactSpec = {};
  for (const k of ['FirstName', 'LastName', 'Position'] as const) {
    if (o[k] !== undefined) out[k] = fieldRef(o[k], `${path}.${k}`);
  }
  if (o.Emails !== undefined) out.Emails = listSpecs(o.Emails, `${path}.Emails`);
  if (o.Phones !== undefined) out.Phones = listSpecs(o.Phones, `${path}.Phones`);
  if (Object.keys(out).length === 0) fail(`"${path}" maps no field`);
  return out;
}

function sourceSpec(v: unknown): NonNullable<ProfileV1['source']> {
  const o = obj(v, 'source');
  checkKeys(o, 'source', ['sheet', 'headerRow', 'encoding', 'delimiter']);
  const out: NonNullable<ProfileV1['source']> = {};
  const sheet = optStr(o, 'sheet', 'source');
  if (sheet !== undefined) out.sheet = sheet;
  if (o.headerRow !== undefined) {
    if (typeof o.headerRow !== 'number' || !Number.isInteger(o.headerRow) || o.headerRow < 1) {
      fail('"source.headerRow" must be a whole number from 1');
    }
    out.headerRow = o.headerRow;
  }
  const encoding = optStr(o, 'encoding', 'source');
  if (encoding !== undefined) out.encoding = encoding;
  if (o.delimiter !== undefined) {
    // A tab is whitespace, so emptiness is checked on the raw text.
    const d = str(o.delimiter, 'source.delimiter', true);
    if (d.length !== 1) fail('"source.delimiter" must be a single character');
    out.delimiter = d;
  }
  return out;
}

function errorPolicySpec(v: unknown): Partial<ErrorPolicy> {
  const o = obj(v, 'onError');
  checkKeys(o, 'onError', POLICY_KEYS);
  const out: Partial<ErrorPolicy> = {};
  for (const k of POLICY_KEYS) {
    if (o[k] === undefined) continue;
    if (typeof o[k] !== 'string' || !ERROR_ACTIONS.includes(o[k] as ErrorAction)) fail(`"onError.${k}" must be "leave-out" or "reject"`);
    out[k] = o[k] as ErrorAction;
  }
  return out;
}

const TOP_KEYS = ['format', 'version', 'name', 'source', 'project', 'business', 'contacts', 'custom', 'phoneRegion'];
/** Version 2 adds what bad values do; a version 1 file names none of it. */
const TOP_KEYS_V2 = [...TOP_KEYS, 'onError'];

/**
 * Accepts exactly profile format v1 or v2 (plus our optional keys); throws `invalid-profile` naming
 * the bad key. A v1 profile stays v1 (see error-policy.ts for what that means).
 */
export function parseProfile(json: unknown): ProfileV1 {
  const o = obj(json, 'profile');
  if (o.format !== 'minicrm-sync-profile') fail('"format" must be "minicrm-sync-profile"');
  if (o.version !== 1 && o.version !== 2) fail(`"version" must be 1 or 2 (this app reads profile format versions 1 and 2)`);
  if (o.version === 1 && o.onError !== undefined) fail('"onError" needs "version": 2');
  checkKeys(o, '', o.version === 2 ? TOP_KEYS_V2 : TOP_KEYS);
  if (o.name === undefined) fail('"name" is required');
  const name = str(o.name, 'name');
  if (o.project === undefined) fail('"project" is required');
  const p = obj(o.project, 'project');
  checkKeys(p, 'project', ['Id', 'Name', 'StatusId', 'UserId', 'CategoryId']);
  if (p.Id === undefined) fail('"project.Id" is required');
  const project: ProfileV1['project'] = { Id: fieldRef(p.Id, 'project.Id') };
  for (const k of ['Name', 'StatusId', 'UserId', 'CategoryId'] as const) {
    if (p[k] !== undefined) project[k] = fieldRef(p[k], `project.${k}`);
  }
  const out: ProfileV1 = { format: 'minicrm-sync-profile', version: o.version, name, project };
  if (o.source !== undefined) out.source = sourceSpec(o.source);
  if (o.business !== undefined) out.business = businessSpec(o.business);
  if (o.contacts !== undefined) out.contacts = arr(o.contacts, 'contacts').map((c, i) => contactSpec(c, `contacts[${i}]`));
  if (o.custom !== undefined) {
    const c = obj(o.custom, 'custom');
    out.custom = {};
    for (const [k, v] of Object.entries(c)) {
      if (!isValidApiName(k)) {
        fail(`Custom field name "custom.${k}" cannot be a MiniCRM API name (letters, digits and _ only, not a built-in field)`);
      }
      out.custom[k] = fieldRef(v, `custom.${k}`);
    }
  }
  if (o.phoneRegion !== undefined) {
    const r = str(o.phoneRegion, 'phoneRegion');
    if (!/^[A-Za-z]{2}$/.test(r)) fail('"phoneRegion" must be a two-letter country code such as HU');
    out.phoneRegion = r.toUpperCase();
  }
  if (o.onError !== undefined) out.onError = errorPolicySpec(o.onError);
  return out;
}

/** Parses a profile file's text; bad JSON becomes one clear line with the position. */
export function parseProfileText(text: string): ProfileV1 {
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const m = /position (\d+)/.exec(msg);
    let where = '';
    let line = 0;
    if (m?.[1] !== undefined) {
      const pos = Number(m[1]);
      const before = text.slice(0, pos);
      line = before.split('\n').length;
      const col = pos - before.lastIndexOf('\n');
      where = ` at line ${line}, column ${col}`;
    }
    const detail = msg.split('\n')[0]?.replace(/ in JSON at position \d+.*$/, '') ?? msg;
    throw new UnusableInputError('profile-not-json', `The profile is not valid JSON${where}: ${detail}`, { line });
  }
  return parseProfile(json);
}

/** Stable, pretty JSON (keys in the order of the README's example) so exported profiles diff cleanly. */
export function serializeProfile(p: ProfileV1): string {
  return `${JSON.stringify(parseProfile(p), null, 2)}\n`;
}
