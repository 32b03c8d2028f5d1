/**
 * Making arbitrary strings safe for XML 1.0. The hot path is one regex test per value: almost all
 * values need nothing, so they are passed through untouched.
 */

// Anything that needs escaping or may be forbidden. Surrogates are checked precisely below.
const NEEDS_WORK = /[&<>"'\r\n\t\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/;
const NEEDS_WORK_TEXT = /[&<>"'\r\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Characters XML 1.0 cannot carry at all: C0 controls except tab/LF/CR, U+FFFE/FFFF, lone surrogates. */
export const FORBIDDEN_XML_CHARS =
  /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const TEXT_SPECIAL = /[&<>"'\r]/g;
// In attributes tab/LF/CR must be character references too, or parsers normalise them to spaces.
const ATTR_SPECIAL = /[&<>"'\r\n\t]/g;
const ENTITY: Record<string, string> = {
  '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#13;', '\n': '&#10;', '\t': '&#9;',
};
const entity = (c: string): string => ENTITY[c]!;

export function hasForbiddenXmlChars(s: string): boolean {
  FORBIDDEN_XML_CHARS.lastIndex = 0;
  const found = FORBIDDEN_XML_CHARS.test(s);
  FORBIDDEN_XML_CHARS.lastIndex = 0;
  return found;
}

/** The value with every character XML 1.0 forbids removed (what the feed will carry). */
export function stripForbiddenXmlChars(s: string): string {
  return s.replace(FORBIDDEN_XML_CHARS, '');
}

/**
 * Escapes values; remembers (in `removed`) that it had to drop forbidden characters so the writer
 * can report which fields, without slowing down the common case.
 */
export class XmlEscaper {
  removed = false;

  text(s: string): string {
    if (!NEEDS_WORK_TEXT.test(s)) return s;
    return this.clean(s).replace(TEXT_SPECIAL, entity);
  }

  attr(s: string): string {
    if (!NEEDS_WORK.test(s)) return s;
    return this.clean(s).replace(ATTR_SPECIAL, entity);
  }

  private clean(s: string): string {
    const out = stripForbiddenXmlChars(s);
    if (out.length !== s.length) this.removed = true;
    return out;
  }
}

// XML Name without colons (namespaces would change the meaning), limited to letters/digits/_.-
const XML_NAME = /^[\p{L}_][\p{L}\p{N}_.\-\u00B7]*$/u;

/** Element names of <Project> children the feed itself uses; a custom field may not reuse them. */
const RESERVED = new Set(['Name', 'StatusId', 'UserId', 'CategoryId', 'Business', 'Contacts']);

/** Why `name` cannot be a custom field element, or null when it can. */
export function customFieldNameProblem(name: string): string | null {
  if (!XML_NAME.test(name)) return `"${name}" is not a valid XML element name (letters, digits, _ . - only; must not start with a digit)`;
  if (/^xml/i.test(name)) return `"${name}" starts with "xml", which XML reserves`;
  if (RESERVED.has(name)) return `"${name}" is a standard project field, not a custom field`;
  return null;
}
