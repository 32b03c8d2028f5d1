import { BUSINESS_SCALARS, type FeedProject, type FeedValue } from '../../shared/domain/project';

/** A packed string (delta/packed-project.ts) read as nested lists of strings. */
export type Packed = string | Packed[];

/** Reads any packed string, written plainly from the format (not the app's reader). */
export function decodePacked(text: string): Packed[] {
  let pos = 0;
  const length = /(\d+):/y;
  const fail = (): never => {
    throw new Error(`Not a packed string near ${pos}: ${JSON.stringify(text.slice(pos, pos + 20))}`);
  };
  const item = (): Packed => {
    if (text[pos] === '[') {
      pos++;
      const list: Packed[] = [];
      while (text[pos] !== ']') {
        if (pos >= text.length) fail();
        list.push(item());
      }
      pos++;
      return list;
    }
    length.lastIndex = pos;
    const m = length.exec(text) ?? fail();
    const from = pos + m[0].length;
    const n = Number(m[1]);
    if (from + n > text.length) fail();
    pos = from + n;
    return text.slice(from, from + n);
  };
  const top = item();
  if (!Array.isArray(top) || pos !== text.length) fail();
  return top as Packed[];
}

/** What the format says a project packs to, as decodePacked gives it back (the format, written out once more). */
export function packedShape(p: FeedProject): Packed[] {
  const s = (v: string | undefined): string => v ?? '';
  const values = (list: FeedValue[]): Packed[] => list.filter((v) => s(v.Value) !== '').map((v) => [v.Value, s(v.Type), s(v.Default)]);
  const custom = new Map<string, string>();
  for (const [name, v] of p.custom) if (v) custom.set(name, v);
  const f = p.fields;
  const b = p.Business;
  return [
    p.Id,
    [s(f.Name), s(f.StatusId), s(f.UserId), s(f.CategoryId)],
    [...custom].sort((x, y) => (x[0] < y[0] ? -1 : 1)),
    BUSINESS_SCALARS.map((k) => s(b.fields[k])),
    values(b.Emails),
    values(b.Phones),
    b.Addresses.map((a) => [s(a.PostalCode), s(a.City), s(a.Address), s(a.Type)]).filter((a) => a.join('') !== ''),
    p.Contacts
      .map((c) => [[s(c.fields.FirstName), s(c.fields.LastName), s(c.fields.Position)], values(c.Emails), values(c.Phones)] as Packed[])
      .filter((c) => (c[0] as string[]).join('') !== '' || (c[1] as Packed[]).length > 0 || (c[2] as Packed[]).length > 0),
  ];
}

/** The project with every string as UTF-8 carries it: a lone surrogate becomes U+FFFD (one UTF-16 unit too). */
export function asUtf8(p: FeedProject): FeedProject {
  return JSON.parse(JSON.stringify(p), (_k, v: unknown) => (typeof v === 'string' ? Buffer.from(v, 'utf8').toString('utf8') : v)) as FeedProject;
}
