/**
 * One walk over a project writes both of its byte forms: the feed's `<Project>` element (layout
 * in feed-pieces.ts) and its packed values (delta/packed-project.ts: what is staged and hashed).
 * Both list the same values in the same order, so each value is turned into UTF-8 once, for the
 * packed form, and the XML copies those bytes when they need no escaping (almost always).
 *
 * The XML is byte for byte what the feed format says (a property test parses it against
 * xmlbuilder2's); the packed bytes are the only encoder of the packed form (tested against it:
 * known strings, decoding and unpacking them back).
 */
import {
  hasValue, presentCustom, type FeedAddress, type FeedContact, type FeedProject, type FeedValue,
} from '../../../shared/domain/project';
import { ascii, ByteOut } from './byte-out';
import {
  A_CLOSE, A_LIST_CLOSE, A_LIST_OPEN, A_OPEN, AL, B_CLOSE, B_EMAILS, B_OPEN, B_PHONES, BL, bytesOf, C_CLOSE, C_EMAILS,
  C_LIST_CLOSE, C_LIST_OPEN, C_OPEN, C_PHONES, CL, DEFAULT, I2, line, P_CLOSE, P_OPEN, P_OPEN_END, PL, TYPE, VALUE,
  type Line, type ListPieces,
} from './feed-pieces';

/** A custom field's XML line and its name in packed form (`13:ContractStart`). */
interface CustomPieces { line: Line; packedName: Uint8Array }
// Custom field names come from the profile: their pieces are made once per name.
const customPieces = new Map<string, CustomPieces>();
function customOf(name: string): CustomPieces {
  let c = customPieces.get(name);
  if (!c) {
    const k = new ByteOut(16 + name.length * 3);
    packed(k, name);
    customPieces.set(name, (c = { line: line(I2, name), packedName: bytesOf(k) }));
  }
  return c;
}

const OPEN = 91; // [
const CLOSE = 93; // ]
const COLON = 58;

/** The two outputs of one walk. */
interface Out {
  x: ByteOut;
  k: ByteOut;
}

/** A value's packed form, `<length in UTF-16 units>:<chars>` (absent and empty: `0:`). */
function packed(k: ByteOut, v: string | undefined): void {
  // typeof, not `=== undefined`: it tells the compiler v is a string below (so .length needs no lookup).
  if (typeof v !== 'string' || v === '') {
    k.byte(48);
    k.byte(COLON);
    return;
  }
  k.int(v.length);
  k.byte(COLON);
  k.utf8(v);
}

/**
 * A value in both forms: packed, and (when present) as `open` text `close` in the XML, copied
 * from the packed bytes unless it needs escaping or UTF-8 could not carry it (a lone surrogate).
 */
function field(o: Out, v: string | undefined, tag: Line): void {
  if (typeof v !== 'string' || v === '') return packed(o.k, v);
  const { x, k } = o;
  k.int(v.length);
  k.byte(COLON);
  const from = k.pos;
  k.utf8(v);
  x.put(tag[0]);
  // copyText stops at 0xEF, which is where a lone surrogate's U+FFFD shows: the XML drops it instead.
  if (!x.copyText(k.buf, from, k.pos)) x.xmlText(v);
  x.put(tag[1]);
}

/**
 * A list in both forms: `[` in the packed form, `open` in the XML; returns where the XML list
 * starts, for closeList.
 */
function openList(o: Out, open: Uint8Array): number {
  o.k.byte(OPEN);
  const at = o.x.pos;
  o.x.put(open);
  return at;
}

/** `]`, and `close` in the XML, or the XML's `open` (written at `at`) taken back when nothing went inside. */
function closeList(o: Out, at: number, open: Uint8Array, close: Uint8Array): void {
  o.k.byte(CLOSE);
  if (o.x.pos === at + open.length) o.x.pos = at;
  else o.x.put(close);
}

const PACKED_NONE = ascii('0:');
const DEFAULT_1 = [ascii('1:1'), ascii('<Default>1</Default>')] as const;
const DEFAULT_0 = [ascii('1:0'), ascii('<Default>0</Default>')] as const;

/**
 * A list entry's or an address's Type comes from the profile, so the same few values repeat in
 * every project: each is encoded once and both forms' bytes are kept by value (only those the XML
 * drops nothing of, so that a removal is still reported). A small cache that starts over should it ever fill up.
 */
const types = new Map<string, readonly [packed: Uint8Array, xml: Uint8Array] | null>();
function typeField(o: Out, v: string | undefined): void {
  if (typeof v !== 'string' || v === '') return packed(o.k, v);
  let e = types.get(v);
  if (e === undefined) {
    if (types.size >= 64) types.clear();
    const one: Out = { x: new ByteOut(64), k: new ByteOut(64) };
    field(one, v, TYPE);
    e = one.x.removed ? null : [bytesOf(one.k), bytesOf(one.x)];
    types.set(v, e);
  }
  if (e === null) return field(o, v, TYPE);
  o.k.put(e[0]);
  o.x.put(e[1]);
}

function valueList(o: Out, list: readonly FeedValue[], pieces: ListPieces): void {
  const { x, k } = o;
  const at = openList(o, pieces.open);
  for (let i = 0; i < list.length; i++) {
    const v = list[i]!;
    if (typeof v.Value !== 'string' || v.Value === '') continue;
    k.byte(OPEN);
    x.put(pieces.item);
    field(o, v.Value, VALUE);
    typeField(o, v.Type);
    const d = v.Default;
    const known = d === '1' ? DEFAULT_1 : d === '0' ? DEFAULT_0 : undefined;
    if (d === undefined) k.put(PACKED_NONE);
    else if (known) {
      k.put(known[0]);
      x.put(known[1]);
    } else {
      packed(k, d);
      x.put(DEFAULT[0]);
      x.xmlText(d);
      x.put(DEFAULT[1]);
    }
    x.put(pieces.itemClose);
    k.byte(CLOSE);
  }
  closeList(o, at, pieces.open, pieces.close);
}

function addresses(o: Out, list: readonly FeedAddress[]): void {
  const { x, k } = o;
  const at = openList(o, A_LIST_OPEN);
  for (let i = 0; i < list.length; i++) {
    const a = list[i]!;
    if (!a.PostalCode && !a.City && !a.Address && !a.Type) continue;
    k.byte(OPEN);
    x.put(A_OPEN);
    field(o, a.PostalCode, AL.PostalCode);
    field(o, a.City, AL.City);
    field(o, a.Address, AL.Address);
    typeField(o, a.Type);
    x.put(A_CLOSE);
    k.byte(CLOSE);
  }
  closeList(o, at, A_LIST_OPEN, A_LIST_CLOSE);
}

function contacts(o: Out, list: readonly FeedContact[]): void {
  const { x, k } = o;
  const at = openList(o, C_LIST_OPEN);
  for (let i = 0; i < list.length; i++) {
    const c = list[i]!;
    const f = c.fields;
    // A contact with nothing to carry is in neither form.
    if (!f.FirstName && !f.LastName && !f.Position && !hasValue(c.Emails) && !hasValue(c.Phones)) continue;
    k.byte(OPEN);
    k.byte(OPEN);
    x.put(C_OPEN);
    field(o, f.FirstName, CL.FirstName);
    field(o, f.LastName, CL.LastName);
    field(o, f.Position, CL.Position);
    k.byte(CLOSE);
    valueList(o, c.Emails, C_EMAILS);
    valueList(o, c.Phones, C_PHONES);
    x.put(C_CLOSE);
    k.byte(CLOSE);
  }
  closeList(o, at, C_LIST_OPEN, C_LIST_CLOSE);
}

/**
 * True when the packed form takes `list` as it is: every value present and the names strictly in
 * name order (so none repeats), which is what presentCustom would sort and pick anyway.
 */
function inPackedOrder(list: FeedProject['custom']): boolean {
  for (let i = 0; i < list.length; i++) {
    const v = list[i]![1];
    if (typeof v !== 'string' || v === '') return false;
    if (i > 0 && !(list[i - 1]![0] < list[i]![0])) return false;
  }
  return true;
}

/**
 * Custom fields differ between the forms: the feed lists them in profile order, the packed form
 * by name with the last present value of a repeated name winning (presentCustom). Usually the
 * profile names them in name order, each once, and all have values: then both forms take the
 * same values in the same order and each is encoded once for both, as field() does.
 */
function custom(o: Out, list: FeedProject['custom']): void {
  const { x, k } = o;
  k.byte(OPEN);
  if (inPackedOrder(list)) {
    for (let i = 0; i < list.length; i++) {
      const e = list[i]!;
      const c = customOf(e[0]);
      k.byte(OPEN);
      k.put(c.packedName);
      field(o, e[1], c.line);
      k.byte(CLOSE);
    }
  } else {
    for (let i = 0; i < list.length; i++) {
      const [name, v] = list[i]!;
      if (typeof v !== 'string' || v === '') continue;
      const c = customOf(name);
      x.put(c.line[0]);
      x.xmlText(v);
      x.put(c.line[1]);
    }
    const entries = presentCustom(list);
    for (let i = 0; i < entries.length; i++) {
      k.byte(OPEN);
      k.put(customOf(entries[i]![0]).packedName);
      packed(k, entries[i]![1]);
      k.byte(CLOSE);
    }
  }
  k.byte(CLOSE);
}

/** Takes the XML half of a walk and drops it: for callers that want the packed values only. */
class NoXml extends ByteOut {
  override put(): void {}
  override byte(): void {}
  override utf8(): void {}
  override xmlText(): void {}
  override xmlAttr(): void {}
  override copyText(): boolean {
    return true;
  }
}
const NO_XML = new NoXml(1);

/** Appends the project's packed values only (a re-run or a preview: the feed gets changed projects only). */
export function packProjectBytes(p: FeedProject, pack: ByteOut): void {
  encodeProject(p, NO_XML, pack);
}

/**
 * Appends the project's `<Project>` element (with its trailing newline) to `xml` and its packed
 * values to `pack`. Custom field names must be checked before (ProjectSerializer does).
 */
export function encodeProject(p: FeedProject, xml: ByteOut, pack: ByteOut): void {
  const o: Out = { x: xml, k: pack };
  xml.put(P_OPEN);
  xml.xmlAttr(p.Id);
  xml.put(P_OPEN_END);
  pack.byte(OPEN);
  packed(pack, p.Id);
  pack.byte(OPEN);
  const f = p.fields;
  field(o, f.Name, PL.Name);
  field(o, f.StatusId, PL.StatusId);
  field(o, f.UserId, PL.UserId);
  field(o, f.CategoryId, PL.CategoryId);
  pack.byte(CLOSE);
  custom(o, p.custom);
  const at = xml.pos;
  xml.put(B_OPEN);
  const b = p.Business;
  pack.byte(OPEN);
  const bf = b.fields;
  field(o, bf.Name, BL.Name);
  field(o, bf.Url, BL.Url);
  field(o, bf.Description, BL.Description);
  field(o, bf.Region, BL.Region);
  field(o, bf.Employees, BL.Employees);
  field(o, bf.YearlyRevenue, BL.YearlyRevenue);
  field(o, bf.EUVatNumber, BL.EUVatNumber);
  field(o, bf.RegistrationNumber, BL.RegistrationNumber);
  field(o, bf.BankAccount, BL.BankAccount);
  field(o, bf.Swift, BL.Swift);
  pack.byte(CLOSE);
  valueList(o, b.Emails, B_EMAILS);
  valueList(o, b.Phones, B_PHONES);
  addresses(o, b.Addresses);
  // <Business> has no list of its own in the packed form: only the XML closes it (or takes it back).
  if (xml.pos === at + B_OPEN.length) xml.pos = at;
  else xml.put(B_CLOSE);
  contacts(o, p.Contacts);
  pack.byte(CLOSE);
  xml.put(P_CLOSE);
}
