/**
 * The constant parts of a `<Project>` element as UTF-8 pieces (indent, tag, line break), made once:
 * project-encoding.ts copies them around the values. The layout is MiniCRM's example feed
 * (../fixtures/example-feed.xml in the tests): four spaces per level, one field per line, list
 * entries on one line each, children in the example's order, empty values and empty lists omitted.
 */
import {
  ADDRESS_FIELDS, BUSINESS_SCALARS, CONTACT_SCALARS, PROJECT_SCALARS, type AddressField,
} from '../../../shared/domain/project';
import { ascii, type ByteOut } from './byte-out';

export const I2 = '        ';
const I3 = '            ';
const I4 = '                ';
const I5 = '                    ';

/** `<Tag>` and `</Tag>\n` of a field on a line of its own. */
export type Line = readonly [open: Uint8Array, close: Uint8Array];
export const line = (indent: string, tag: string): Line => [ascii(`${indent}<${tag}>`), ascii(`</${tag}>\n`)];
const lines = <K extends string>(indent: string, tags: readonly K[]): Record<K, Line> =>
  Object.fromEntries(tags.map((t) => [t, line(indent, t)])) as Record<K, Line>;

// Keyed by name: the walk names each field (f.Name, not f[key] in a loop over the *_SCALARS lists),
// because a keyed load whose key changes at every step is megamorphic, and those lookups were about
// a tenth of packing a project.
export const PL = lines(I2, PROJECT_SCALARS);
export const BL = lines(I3, BUSINESS_SCALARS);
export const CL = lines(I4, CONTACT_SCALARS);
/** An address's parts share its line; its Type is written with TYPE (the same tag). */
export const AL = Object.fromEntries(ADDRESS_FIELDS.map((f) => [f, [ascii(`<${f}>`), ascii(`</${f}>`)] as const])) as Record<AddressField, Line>;

/** What a ByteOut holds, as a piece of its own (a plain Uint8Array, like every other piece). */
export const bytesOf = (b: ByteOut): Uint8Array => new Uint8Array(b.buf.subarray(0, b.pos));

export const P_OPEN = ascii('    <Project Id="');
export const P_OPEN_END = ascii('">\n');
export const P_CLOSE = ascii('    </Project>\n');
export const B_OPEN = ascii(`${I2}<Business>\n`);
export const B_CLOSE = ascii(`${I2}</Business>\n`);
export const A_LIST_OPEN = ascii(`${I3}<Addresses>\n`);
export const A_LIST_CLOSE = ascii(`${I3}</Addresses>\n`);
export const A_OPEN = ascii(`${I4}<Address>`);
export const A_CLOSE = ascii('</Address>\n');
export const C_LIST_OPEN = ascii(`${I2}<Contacts>\n`);
export const C_LIST_CLOSE = ascii(`${I2}</Contacts>\n`);
export const C_OPEN = ascii(`${I3}<Contact>\n`);
export const C_CLOSE = ascii(`${I3}</Contact>\n`);
export const VALUE: Line = [ascii('<Value>'), ascii('</Value>')];
export const TYPE: Line = [ascii('<Type>'), ascii('</Type>')];
export const DEFAULT: Line = [ascii('<Default>'), ascii('</Default>')];

export interface ListPieces { open: Uint8Array; close: Uint8Array; item: Uint8Array; itemClose: Uint8Array }
const listPieces = (tag: string, indent: string, inner: string): ListPieces => ({
  open: ascii(`${indent}<${tag}s>\n`), close: ascii(`${indent}</${tag}s>\n`), item: ascii(`${inner}<${tag}>`), itemClose: ascii(`</${tag}>\n`),
});
export const B_EMAILS = listPieces('Email', I3, I4);
export const B_PHONES = listPieces('Phone', I3, I4);
export const C_EMAILS = listPieces('Email', I4, I5);
export const C_PHONES = listPieces('Phone', I4, I5);
