/**
 * Which strings XML 1.0 can carry. (Escaping itself happens while writing bytes: byte-out.ts.)
 */

/** Characters XML 1.0 cannot carry at all: C0 controls except tab/LF/CR, U+FFFE/FFFF, lone surrogates. */
const FORBIDDEN_XML_CHARS =
  /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function hasForbiddenXmlChars(s: string): boolean {
  return FORBIDDEN_XML_CHARS.test(s);
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
