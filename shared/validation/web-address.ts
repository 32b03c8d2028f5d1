import { cleanText } from './text-clean';
import { warn, type Parsed } from './parsed';

const SCHEME_RE = /^[a-z][a-z0-9+.-]*:\/\//i;
const HOSTISH_RE = /^[a-z][a-z0-9+.-]*:\/\/[^\s/?#]*[^\s/?#.:][^\s]*$/i;

/** Website: a value without a scheme gets `https://`; something that is no web address is kept with a warning. */
export function normaliseUrl(raw: string): Parsed {
  const t = cleanText(raw);
  if (t.value === null || t.problem) return t;
  let v = t.value;
  if (!SCHEME_RE.test(v)) {
    if (/^\/\//.test(v)) v = `https:${v}`;
    else v = `https://${v}`;
  }
  if (!HOSTISH_RE.test(v) || !/[.:]|localhost/i.test(v.replace(SCHEME_RE, ''))) {
    return warn(t.value, 'invalid-url', 'does not look like a web address; it was kept as typed.');
  }
  return { value: v };
}
