import fc from 'fast-check';
import { BUSINESS_SCALARS, type FeedProject, type FeedValue } from '../../shared/domain/project';

// Any UTF-16 unit (controls, lone surrogates, U+FFFE …), any code point, and the markup characters.
const SPECIALS = ['&', '<', '>', '"', "'", ']]>', '\u0000', '\u0001', '\u001F', '\uD800', '\uDFFF', '\uFFFE', '\t', '\n', '\r', ' ', 'ő', '’'];
const unit = (lossless: boolean): fc.Arbitrary<string> => fc.oneof(
  fc.constantFrom(...SPECIALS.filter((s) => lossless || s !== '\r')),
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)).filter((s) => lossless || s !== '\r'),
  fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)),
  fc.constantFrom('a', 'Z', '0', '@', '.'),
);

/** Random projects; `lossless` keeps out what xmlbuilder2 cannot carry exactly (CR, raw tab/LF in the Id). */
export function projectArb(lossless: boolean): fc.Arbitrary<FeedProject> {
  // Some values long enough (13 UTF-16 units and more) for ByteOut's native UTF-8 path.
  const text = fc.oneof(
    { arbitrary: fc.string({ unit: unit(lossless), maxLength: 10 }), weight: 3 },
    { arbitrary: fc.string({ unit: unit(lossless), minLength: 13, maxLength: 24 }), weight: 1 },
  );
  // xmlbuilder2 writes tab/LF/CR in attributes raw, which parsers turn into spaces; keep them out
  // of the reference comparison (the lossless run covers them against the expected values).
  const idText = lossless ? text : text.map((s) => s.replace(/[\t\n\r]/g, '_'));
  const opt = fc.option(text, { nil: undefined });
  const value: fc.Arbitrary<FeedValue> = fc.record(
    { Value: text, Type: opt, Default: fc.option(fc.constantFrom('0' as const, '1' as const), { nil: undefined }) },
    { requiredKeys: ['Value'] },
  );
  const list = fc.array(value, { maxLength: 3 });
  const customField = fc.tuple(fc.constantFrom('Enum1221', 'Note', 'Mező', 'X_1.a-b'), text);
  return fc.record({
    Id: idText.filter((s) => s.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '') !== ''),
    fields: fc.record({ Name: opt, StatusId: opt, UserId: opt, CategoryId: opt }, { requiredKeys: [] }),
    // Mostly each name once (in any order); sometimes a name twice (the last present value counts).
    custom: fc.oneof(
      { weight: 3, arbitrary: fc.uniqueArray(customField, { selector: (t) => t[0], maxLength: 3 }) },
      { weight: 1, arbitrary: fc.array(customField, { maxLength: 4 }) },
    ),
    Business: fc.record({
      fields: fc.record(Object.fromEntries(BUSINESS_SCALARS.map((k) => [k, opt])), { requiredKeys: [] }),
      Emails: list,
      Phones: list,
      Addresses: fc.array(fc.record({ PostalCode: opt, City: opt, Address: opt, Type: opt }, { requiredKeys: [] }), { maxLength: 2 }),
    }),
    Contacts: fc.array(fc.record({ fields: fc.record({ FirstName: opt, LastName: opt, Position: opt }, { requiredKeys: [] }), Emails: list, Phones: list }), { maxLength: 2 }),
  });
}
