/**
 * One walk over a project writes both of its byte forms: the feed's `<Project>` element (format
 * in feed-format.ts) and its packed values (delta/packed-project.ts: what is staged and hashed).
 * Both list the same values in the same order, so each value is turned into UTF-8 once, for the
 * packed form, and the XML copies those bytes when they need no escaping (almost always). Two
 * separate walks encoded every value twice; in a full million-project build that was about a
 * second of each reading thread.
 *
 * The XML is byte for byte what the feed format says (a property test parses it against
 * xmlbuilder2's), the packed bytes are Buffer.from(packProject(p)) (tested).
 */
import {
  ADDRESS_FIELDS, BUSINESS_SCALARS, CONTACT_SCALARS, PROJECT_SCALARS,
  type FeedAddress, type FeedContact, type FeedProject, type FeedValue,
} from '../../../shared/domain/project';
import { hasAny, hasValue, packedCustom } from '../delta/packed-project';
import { ascii, ByteOut } from './byte-out';

const I2 = '        ';
const I3 = '            ';
const I4 = '                ';
const I5 = '                    ';

/** `<Tag>` and `</Tag>\n` of a field on a line of its own. */
type Line = readonly [open: Uint8Array, close: Uint8Array];
const line = (indent: string, tag: string): Line => [ascii(`${indent}<${tag}>`), ascii(`</${tag}>\n`)];
const lines = (indent: string, tags: readonly string[]): Line[] => tags.map((t) => line(indent, t));

const PROJECT_LINES = lines(I2, PROJECT_SCALARS);
const BUSINESS_LINES = lines(I3, BUSINESS_SCALARS);
const CONTACT_LINES = lines(I4, CONTACT_SCALARS);
const ADDRESS_PARTS: Line[] = ADDRESS_FIELDS.map((f) => [ascii(`<${f}>`), ascii(`</${f}>`)] as const);

const P_OPEN = ascii('    <Project Id="');
const P_OPEN_END = ascii('">\n');
const P_CLOSE = ascii('    </Project>\n');
const B_OPEN = ascii(`${I2}<Business>\n`);
const B_CLOSE = ascii(`${I2}</Business>\n`);
const A_LIST_OPEN = ascii(`${I3}<Addresses>\n`);
const A_LIST_CLOSE = ascii(`${I3}</Addresses>\n`);
const A_OPEN = ascii(`${I4}<Address>`);
const A_CLOSE = ascii('</Address>\n');
const C_LIST_OPEN = ascii(`${I2}<Contacts>\n`);
const C_LIST_CLOSE = ascii(`${I2}</Contacts>\n`);
const C_OPEN = ascii(`${I3}<Contact>\n`);
const C_CLOSE = ascii(`${I3}</Contact>\n`);
const VALUE: Line = [ascii('<Value>'), ascii('</Value>')];
const TYPE: Line = [ascii('<Type>'), ascii('</Type>')];
const DEFAULT: Line = [ascii('<Default>'), ascii('</Default>')];

interface ListPieces { open: Uint8Array; close: Uint8Array; item: Uint8Array; itemClose: Uint8Array }
const listPieces = (tag: string, indent: string, inner: string): ListPieces => ({
  open: ascii(`${indent}<${tag}s>\n`), close: ascii(`${indent}</${tag}s>\n`), item: ascii(`${inner}<${tag}>`), itemClose: ascii(`</${tag}>\n`),
});
const B_EMAILS = listPieces('Email', I3, I4);
const B_PHONES = listPieces('Phone', I3, I4);
const C_EMAILS = listPieces('Email', I4, I5);
const C_PHONES = listPieces('Phone', I4, I5);

// Custom field names come from the profile: their lines are made once per name.
const customLines = new Map<string, Line>();
function customLine(name: string): Line {
  let l = customLines.get(name);
  if (!l) customLines.set(name, (l = line(I2, name)));
  return l;
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
  if (v === undefined || v === '') {
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
  if (v === undefined || v === '') return packed(o.k, v);
  const { x, k } = o;
  k.int(v.length);
  k.byte(COLON);
  const lossy = k.lossy;
  k.lossy = false;
  const from = k.pos;
  k.utf8(v);
  x.put(tag[0]);
  if (k.lossy || !x.copyText(k.buf, from, k.pos)) x.xmlText(v);
  x.put(tag[1]);
  k.lossy ||= lossy;
}

/** Closes what `open` (written at `at`) started, or takes it back when nothing was written inside. */
function closeOrDrop(x: ByteOut, at: number, open: Uint8Array, close: Uint8Array): void {
  if (x.pos === at + open.length) x.pos = at;
  else x.put(close);
}

function valueList(o: Out, list: readonly FeedValue[], pieces: ListPieces): void {
  const { x, k } = o;
  k.byte(OPEN);
  const at = x.pos;
  x.put(pieces.open);
  for (let i = 0; i < list.length; i++) {
    const v = list[i]!;
    if (v.Value === '' || v.Value === undefined) continue;
    k.byte(OPEN);
    x.put(pieces.item);
    field(o, v.Value, VALUE);
    field(o, v.Type, TYPE);
    packed(k, v.Default);
    if (v.Default !== undefined) {
      x.put(DEFAULT[0]);
      x.utf8(v.Default);
      x.put(DEFAULT[1]);
    }
    x.put(pieces.itemClose);
    k.byte(CLOSE);
  }
  k.byte(CLOSE);
  closeOrDrop(x, at, pieces.open, pieces.close);
}

function addresses(o: Out, list: readonly FeedAddress[]): void {
  const { x, k } = o;
  k.byte(OPEN);
  const at = x.pos;
  x.put(A_LIST_OPEN);
  for (const a of list) {
    if (!hasAny(a, ADDRESS_FIELDS)) continue;
    k.byte(OPEN);
    x.put(A_OPEN);
    for (let i = 0; i < ADDRESS_FIELDS.length; i++) field(o, a[ADDRESS_FIELDS[i]!], ADDRESS_PARTS[i]!);
    x.put(A_CLOSE);
    k.byte(CLOSE);
  }
  k.byte(CLOSE);
  closeOrDrop(x, at, A_LIST_OPEN, A_LIST_CLOSE);
}

function contacts(o: Out, list: readonly FeedContact[]): void {
  const { x, k } = o;
  k.byte(OPEN);
  const at = x.pos;
  x.put(C_LIST_OPEN);
  for (const c of list) {
    // A contact with nothing to carry is in neither form.
    if (!hasAny(c.fields, CONTACT_SCALARS) && !hasValue(c.Emails) && !hasValue(c.Phones)) continue;
    k.byte(OPEN);
    k.byte(OPEN);
    x.put(C_OPEN);
    for (let i = 0; i < CONTACT_SCALARS.length; i++) field(o, c.fields[CONTACT_SCALARS[i]!], CONTACT_LINES[i]!);
    k.byte(CLOSE);
    valueList(o, c.Emails, C_EMAILS);
    valueList(o, c.Phones, C_PHONES);
    x.put(C_CLOSE);
    k.byte(CLOSE);
  }
  k.byte(CLOSE);
  closeOrDrop(x, at, C_LIST_OPEN, C_LIST_CLOSE);
}

function pair(k: ByteOut, name: string, value: string): void {
  k.byte(OPEN);
  packed(k, name);
  packed(k, value);
  k.byte(CLOSE);
}

/**
 * Custom fields differ between the forms: the feed lists them in profile order, the packed form
 * by name with the last present value of a repeated name winning (as packProject).
 */
function custom(o: Out, list: FeedProject['custom']): void {
  const { x, k } = o;
  for (const [name, v] of list) {
    if (v === undefined || v === '') continue;
    const l = customLine(name);
    x.put(l[0]);
    x.xmlText(v);
    x.put(l[1]);
  }
  k.byte(OPEN);
  const entries = packedCustom(list);
  for (let i = 0; i < entries.length; i++) pair(k, entries[i]![0], entries[i]![1]);
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
  for (let i = 0; i < PROJECT_SCALARS.length; i++) field(o, p.fields[PROJECT_SCALARS[i]!], PROJECT_LINES[i]!);
  pack.byte(CLOSE);
  custom(o, p.custom);
  const at = xml.pos;
  xml.put(B_OPEN);
  const b = p.Business;
  pack.byte(OPEN);
  for (let i = 0; i < BUSINESS_SCALARS.length; i++) field(o, b.fields[BUSINESS_SCALARS[i]!], BUSINESS_LINES[i]!);
  pack.byte(CLOSE);
  valueList(o, b.Emails, B_EMAILS);
  valueList(o, b.Phones, B_PHONES);
  addresses(o, b.Addresses);
  closeOrDrop(xml, at, B_OPEN, B_CLOSE);
  contacts(o, p.Contacts);
  pack.byte(CLOSE);
  xml.put(P_CLOSE);
}
