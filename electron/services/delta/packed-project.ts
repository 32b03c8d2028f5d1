/**
 * A project's stored form: one string in a fixed order, with exactly what the feed carries (empty
 * values and entries left out as the writer leaves them out, custom fields sorted by name, the last
 * of a repeated name winning). It is what the delta hashes, what a build hands from its reading
 * thread to its writing thread, and what history keeps per delivered project.
 *
 * The string is a nested list of strings, length-prefixed like bencode: a string is `<length>:<chars>`
 * (length in UTF-16 code units), a list is `[` items `]`. The shape is
 *   [Id [Name StatusId UserId CategoryId] [[name value]…] [Business scalars…]
 *    [[value type default]…emails] [[…]…phones] [[PostalCode City Address Type]…]
 *    [[[FirstName LastName Position] [emails] [phones]]…contacts]]
 * Not JSON (the first stored form, migration 002 converts it): length-prefixed strings need no
 * escaping and are cheaper to write. Being prefix-free, two projects never pack to the same string.
 */
import {
  ADDRESS_FIELDS, BUSINESS_SCALARS, CONTACT_SCALARS, PROJECT_SCALARS, emptyProject,
  type FeedAddress, type FeedContact, type FeedProject, type FeedValue,
} from '../../../shared/domain/project';

const s = (v: string | undefined): string => (v === undefined || v === '' ? '0:' : `${v.length}:${v}`);

function values(list: readonly FeedValue[]): string {
  let out = '[';
  for (let i = 0; i < list.length; i++) {
    const v = list[i]!;
    if (v.Value === '' || v.Value === undefined) continue;
    out += `[${s(v.Value)}${s(v.Type)}${s(v.Default)}]`;
  }
  return `${out}]`;
}

function byName(a: readonly [string, string], b: readonly [string, string]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

/**
 * The custom fields as the packed form keeps them: by name, the last present value of a repeated
 * name winning, empty values left out. (Also used by feed/project-encoding.ts.)
 */
export function packedCustom(list: FeedProject['custom']): Array<readonly [string, string]> {
  if (list.length === 0) return [];
  if (list.length === 1) return list[0]![1] ? [list[0]!] : [];
  if (list.length === 2) {
    // The common case of a few custom fields, without a sort and a Map per project.
    const [a, b] = list as [[string, string], [string, string]];
    if (a[0] === b[0]) return b[1] || a[1] ? [[a[0], b[1] || a[1]]] : [];
    const [x, y] = a[0] < b[0] ? [a, b] : [b, a];
    return x[1] ? (y[1] ? [x, y] : [x]) : y[1] ? [y] : [];
  }
  // A Map keeps first-seen order, which after sorting is name order.
  const last = new Map<string, string>();
  for (const [name, v] of [...list].sort(byName)) if (v) last.set(name, v);
  return [...last];
}

function custom(list: FeedProject['custom']): string {
  let out = '[';
  for (const [name, v] of packedCustom(list)) out += `[${s(name)}${s(v)}]`;
  return `${out}]`;
}

export function hasAny(rec: Partial<Record<string, string>>, keys: readonly string[]): boolean {
  for (let i = 0; i < keys.length; i++) if (rec[keys[i]!]) return true;
  return false;
}

export function hasValue(list: readonly FeedValue[]): boolean {
  for (let i = 0; i < list.length; i++) if (list[i]!.Value) return true;
  return false;
}

function contact(c: FeedContact): string {
  if (!hasAny(c.fields, CONTACT_SCALARS) && !hasValue(c.Emails) && !hasValue(c.Phones)) return '';
  const f = c.fields;
  return `[[${s(f.FirstName)}${s(f.LastName)}${s(f.Position)}]${values(c.Emails)}${values(c.Phones)}]`;
}

export function packProject(p: FeedProject): string {
  const f = p.fields;
  const b = p.Business.fields;
  let out = `[${s(p.Id)}[${s(f.Name)}${s(f.StatusId)}${s(f.UserId)}${s(f.CategoryId)}]${custom(p.custom)}[`;
  for (let i = 0; i < BUSINESS_SCALARS.length; i++) out += s(b[BUSINESS_SCALARS[i]!]);
  out += `]${values(p.Business.Emails)}${values(p.Business.Phones)}[`;
  for (const a of p.Business.Addresses) {
    if (hasAny(a, ADDRESS_FIELDS)) out += `[${s(a.PostalCode)}${s(a.City)}${s(a.Address)}${s(a.Type)}]`;
  }
  out += '][';
  for (const c of p.Contacts) out += contact(c);
  return `${out}]]`;
}

/**
 * Reads a packed project straight into a FeedProject, walking the known shape (no intermediate
 * lists): the writing thread of a build does this for every project it writes.
 */
class PackedReader {
  pos = 0;
  constructor(private readonly text: string) {}

  fail(): never {
    throw new Error(`Stored project values are damaged near character ${this.pos}.`);
  }

  open(): void {
    if (this.text.charCodeAt(this.pos) !== 91 /* [ */) this.fail();
    this.pos++;
  }

  atList(): boolean {
    return this.text.charCodeAt(this.pos) === 91 /* [ */;
  }

  /** Consumes `]` and returns true at the end of a list. */
  end(): boolean {
    if (this.pos >= this.text.length) this.fail();
    if (this.text.charCodeAt(this.pos) !== 93 /* ] */) return false;
    this.pos++;
    return true;
  }

  str(): string {
    const text = this.text;
    let len = 0;
    let c = text.charCodeAt(this.pos);
    if (!(c >= 48 && c <= 57)) this.fail();
    while (c >= 48 && c <= 57) {
      len = len * 10 + (c - 48);
      c = text.charCodeAt(++this.pos);
    }
    const from = this.pos + 1;
    if (c !== 58 /* : */ || from + len > text.length) this.fail();
    this.pos = from + len;
    return len === 0 ? '' : text.slice(from, from + len);
  }

  fields<K extends string>(keys: readonly K[]): Partial<Record<K, string>> {
    const out: Partial<Record<K, string>> = {};
    this.open();
    for (let i = 0; !this.end(); i++) {
      const v = this.str();
      if (v !== '' && i < keys.length) out[keys[i]!] = v;
    }
    return out;
  }

  values(): FeedValue[] {
    const out: FeedValue[] = [];
    this.open();
    while (!this.end()) {
      this.open();
      const v: FeedValue = { Value: this.str() };
      const type = this.str();
      const d = this.str();
      if (!this.end()) this.fail();
      if (type) v.Type = type;
      if (d === '0' || d === '1') v.Default = d;
      out.push(v);
    }
    return out;
  }
}

/** A decoded packed string: strings and lists of them. */
export type Packed = string | Packed[];

/** Reads any packed string back into nested lists (the general form; projects use unpackProject). */
export function decodePacked(text: string): Packed[] {
  const r = new PackedReader(text);
  const list = (): Packed[] => {
    r.open();
    const out: Packed[] = [];
    while (!r.end()) out.push(r.atList() ? list() : r.str());
    return out;
  };
  const top = list();
  if (r.pos !== text.length) r.fail();
  return top;
}

export function unpackProject(text: string): FeedProject {
  const r = new PackedReader(text);
  r.open();
  const p = emptyProject(r.str());
  p.fields = r.fields(PROJECT_SCALARS);
  r.open();
  while (!r.end()) {
    r.open();
    const name = r.str();
    const value = r.str();
    if (!r.end()) r.fail();
    p.custom.push([name, value]);
  }
  const business = r.fields(BUSINESS_SCALARS);
  const emails = r.values();
  const phones = r.values();
  const addresses: FeedAddress[] = [];
  r.open();
  while (!r.end()) addresses.push(r.fields(ADDRESS_FIELDS));
  p.Business = { fields: business, Emails: emails, Phones: phones, Addresses: addresses };
  r.open();
  while (!r.end()) {
    r.open();
    const fields = r.fields(CONTACT_SCALARS);
    const c: FeedContact = { fields, Emails: r.values(), Phones: r.values() };
    if (!r.end()) r.fail();
    p.Contacts.push(c);
  }
  if (!r.end() || r.pos !== text.length) r.fail();
  return p;
}
