/** Header matching shared by compileMapping, profile recognition and proposals. */

/** How a profile's column reference is compared with a header: case, surrounding spaces and Unicode form ignored. */
export function headerKey(s: string): string {
  return s.normalize('NFC').trim().toLowerCase();
}

/** Looser form for fuzzy comparison: accents folded (ő -> o), punctuation to single spaces. */
export function foldText(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length] ?? 0;
}

/** Index of each header by `headerKey`; the first of duplicate headers wins. */
export function indexHeaders(headers: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  headers.forEach((h, i) => {
    const k = headerKey(h);
    if (k !== '' && !m.has(k)) m.set(k, i);
  });
  return m;
}

/** Up to `n` headers closest to `name` by edit distance on folded text, nearest first; far ones left out. */
export function closestHeaders(name: string, headers: readonly string[], n = 2): string[] {
  const target = foldText(name);
  const limit = Math.max(2, Math.ceil(target.length * 0.4));
  return headers
    .filter((h) => h.trim() !== '')
    .map((h) => ({ h, d: editDistance(target, foldText(h)) }))
    .filter((x) => x.d <= limit)
    .sort((a, b) => a.d - b.d)
    .slice(0, n)
    .map((x) => x.h);
}
