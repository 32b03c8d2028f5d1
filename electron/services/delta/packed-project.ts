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
 * It is written as UTF-8 in one walk with the feed XML (feed/project-encoding.ts packProjectBytes);
 * a lone surrogate, which UTF-8 cannot carry, is packed, hashed and stored as U+FFFD (one unit too).
 */
import {
  ADDRESS_FIELDS, BUSINESS_SCALARS, CONTACT_SCALARS, PROJECT_SCALARS, emptyProject,
  type FeedAddress, type FeedContact, type FeedProject, type FeedValue,
} from '../../../shared/domain/project';
import { ByteOut } from '../feed/byte-out';
import { packProjectBytes } from '../feed/project-encoding';

const scratch = new ByteOut(1 << 12);

/** The packed form as a string, for callers with a few projects (a build keeps the bytes). */
export function packProject(p: FeedProject): string {
  scratch.pos = 0;
  packProjectBytes(p, scratch);
  return scratch.buf.toString('utf8', 0, scratch.pos);
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
