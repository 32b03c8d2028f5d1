/**
 * Text from a file shown on a terminal or in a log: control characters written as escapes, so a cell
 * holding an ESC sequence cannot move the cursor, recolour, retitle or clear the user's terminal, and a
 * bidi override cannot reorder what is read. A lone surrogate (which a terminal would only show as
 * U+FFFD) is written as its escape too. The escapes are also valid inside JSON strings (`\u001b`,
 * `\t`, `\r`, `\n`, `\ud800`), so JSON output stays JSON.
 */
const CONTROLS = '\u0000-\u0009\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069';
const LONE_SURROGATE = '[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]';
const CONTROLS_RE = new RegExp(`[${CONTROLS}]|${LONE_SURROGATE}`, 'g');
const CONTROLS_AND_BREAKS_RE = new RegExp(`[${CONTROLS}\n]|${LONE_SURROGATE}`, 'g');
/** Cheap pre-test: any surrogate passes it (pairs are then left as they are). */
const ANY_RE = new RegExp(`[${CONTROLS}\n\uD800-\uDFFF]`);

function escape(ch: string): string {
  if (ch === '\t') return '\\t';
  if (ch === '\r') return '\\r';
  if (ch === '\n') return '\\n';
  return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * `text` with every control character escaped. Line breaks stay unless `lineBreaks` is set: an
 * output line may be several lines on purpose (help, pretty JSON); a value inside one line may not.
 */
export function visibleControls(text: string, opts: { lineBreaks?: boolean } = {}): string {
  if (!ANY_RE.test(text)) return text;
  return text.replace(opts.lineBreaks ? CONTROLS_AND_BREAKS_RE : CONTROLS_RE, escape);
}
