/**
 * The packed form of a project (packed-project.ts) written straight as UTF-8 bytes: what a full
 * build's reading thread stages and hashes. Building the packed string first made a rope of some
 * sixty pieces per project that was then flattened, hashed (converted to UTF-8 inside) and
 * converted to UTF-8 again for staging; a million times per build that was about 1.5 s of each
 * reading thread plus the garbage.
 *
 * Byte for byte Buffer.from(packProject(p), 'utf8') (a property test holds them together). A lone
 * surrogate, which UTF-8 cannot carry, sets `out.lossy`: the caller then uses the string form.
 */
import {
  ADDRESS_FIELDS, BUSINESS_SCALARS, CONTACT_SCALARS, type FeedContact, type FeedProject, type FeedValue,
} from '../../../shared/domain/project';
import type { ByteOut } from '../feed/byte-out';

const OPEN = 91; // [
const CLOSE = 93; // ]
const COLON = 58;

/** `<length>:<chars>`, the length in UTF-16 units; absent and empty are both `0:`. */
function str(out: ByteOut, v: string | undefined): void {
  if (v === undefined || v === '') {
    out.byte(48);
    out.byte(COLON);
    return;
  }
  out.int(v.length);
  out.byte(COLON);
  out.utf8(v);
}

function values(out: ByteOut, list: readonly FeedValue[]): void {
  out.byte(OPEN);
  for (let i = 0; i < list.length; i++) {
    const v = list[i]!;
    if (v.Value === '' || v.Value === undefined) continue;
    out.byte(OPEN);
    str(out, v.Value);
    str(out, v.Type);
    str(out, v.Default);
    out.byte(CLOSE);
  }
  out.byte(CLOSE);
}

function pair(out: ByteOut, name: string, value: string): void {
  out.byte(OPEN);
  str(out, name);
  str(out, value);
  out.byte(CLOSE);
}

const byName = (a: readonly [string, string], b: readonly [string, string]): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/** Custom fields by name, the last present value of a repeated name winning (as packProject). */
function custom(out: ByteOut, list: FeedProject['custom']): void {
  out.byte(OPEN);
  if (list.length === 1) {
    if (list[0]![1]) pair(out, list[0]![0], list[0]![1]);
  } else if (list.length === 2) {
    const [a, b] = list as [[string, string], [string, string]];
    if (a[0] === b[0]) {
      if (b[1] || a[1]) pair(out, a[0], b[1] || a[1]);
    } else {
      const [x, y] = a[0] < b[0] ? [a, b] : [b, a];
      if (x[1]) pair(out, x[0], x[1]);
      if (y[1]) pair(out, y[0], y[1]);
    }
  } else if (list.length > 2) {
    const last = new Map<string, string>();
    for (const [name, v] of [...list].sort(byName)) if (v) last.set(name, v);
    for (const [name, v] of last) pair(out, name, v);
  }
  out.byte(CLOSE);
}

function hasAny(rec: Partial<Record<string, string>>, keys: readonly string[]): boolean {
  for (let i = 0; i < keys.length; i++) if (rec[keys[i]!]) return true;
  return false;
}

function hasValue(list: readonly FeedValue[]): boolean {
  for (let i = 0; i < list.length; i++) if (list[i]!.Value) return true;
  return false;
}

function contact(out: ByteOut, c: FeedContact): void {
  if (!hasAny(c.fields, CONTACT_SCALARS) && !hasValue(c.Emails) && !hasValue(c.Phones)) return;
  const f = c.fields;
  out.byte(OPEN);
  out.byte(OPEN);
  str(out, f.FirstName);
  str(out, f.LastName);
  str(out, f.Position);
  out.byte(CLOSE);
  values(out, c.Emails);
  values(out, c.Phones);
  out.byte(CLOSE);
}

/** Appends UTF-8 of packProject(p) to `out`. */
export function packProjectInto(p: FeedProject, out: ByteOut): void {
  const f = p.fields;
  const b = p.Business.fields;
  out.byte(OPEN);
  str(out, p.Id);
  out.byte(OPEN);
  str(out, f.Name);
  str(out, f.StatusId);
  str(out, f.UserId);
  str(out, f.CategoryId);
  out.byte(CLOSE);
  custom(out, p.custom);
  out.byte(OPEN);
  for (let i = 0; i < BUSINESS_SCALARS.length; i++) str(out, b[BUSINESS_SCALARS[i]!]);
  out.byte(CLOSE);
  values(out, p.Business.Emails);
  values(out, p.Business.Phones);
  out.byte(OPEN);
  for (const a of p.Business.Addresses) {
    if (!hasAny(a, ADDRESS_FIELDS)) continue;
    out.byte(OPEN);
    str(out, a.PostalCode);
    str(out, a.City);
    str(out, a.Address);
    str(out, a.Type);
    out.byte(CLOSE);
  }
  out.byte(CLOSE);
  out.byte(OPEN);
  for (const c of p.Contacts) contact(out, c);
  out.byte(CLOSE);
  out.byte(CLOSE);
}
