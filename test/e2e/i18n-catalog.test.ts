/**
 * Every UI string comes from the language files: both languages have exactly the same keys, every
 * key the components ask for exists, and no component carries hard-coded text (parsed with the
 * TypeScript compiler: JSX text and user-facing attributes must not hold literal words).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { en } from '../../renderer/src/i18n/en';
import { hu } from '../../renderer/src/i18n/hu';

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`)));
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(n) ? [p] : [];
  });
}

const SOURCES = files('renderer/src').filter((f) => !f.includes('/i18n/'));
const EN_KEYS = new Set(keys(en));
const USER_ATTRS = new Set(['aria-label', 'title', 'placeholder', 'alt', 'label']);
/** Text that is the same in every language (symbols, not words). */
const NEUTRAL = /^[\s\d→·:…()/,.+%-]*$/;

describe('language files', () => {
  it('Hungarian and English have exactly the same keys, none empty', () => {
    expect(keys(hu).sort()).toEqual(keys(en).sort());
    for (const k of keys(hu)) expect(k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], hu)).not.toBe('');
  });

  it('Hungarian differs from English where words are involved (it is really translated)', () => {
    const same = keys(en).filter((k) => {
      const get = (o: object) => k.split('.').reduce<unknown>((x, p) => (x as Record<string, unknown>)[p], o);
      return get(en) === get(hu) && /[a-z]{4,}/.test(String(get(en)));
    });
    // Proper names and technical words that are the same in both languages.
    expect(same.filter((k) => !/languages\.|encodings\.utf|settings\.(port|token|authKinds\.bearer)$|sync\.progress|schedules\.systems\.(launchd|cron)$/.test(k))).toEqual([]);
  });
});

function hardCodedText(name: string, text: string): string[] {
  const found: string[] = [];
  const sf = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node) && !NEUTRAL.test(node.text)) found.push(`${name}: text "${node.text.trim()}"`);
    if (ts.isJsxAttribute(node) && USER_ATTRS.has(node.name.getText()) && node.initializer && ts.isStringLiteral(node.initializer) && !NEUTRAL.test(node.initializer.text)) {
      found.push(`${name}: ${node.name.getText()}="${node.initializer.text}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

describe('components', () => {
  it('use only keys that exist (literal keys, and the prefix of template keys)', () => {
    const missing: string[] = [];
    for (const f of SOURCES) {
      const src = readFileSync(f, 'utf8');
      for (const m of src.matchAll(/\bt\(\s*'([a-zA-Z][\w.-]*)'/g)) if (!EN_KEYS.has(m[1]!)) missing.push(`${f}: ${m[1]}`);
      for (const m of src.matchAll(/\bt\(\s*`([a-zA-Z][\w.-]*)\.\$\{/g)) {
        if (![...EN_KEYS].some((k) => k.startsWith(`${m[1]}.`))) missing.push(`${f}: ${m[1]}.*`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('hold no hard-coded user-facing text', () => {
    const found = SOURCES.filter((x) => x.endsWith('.tsx')).flatMap((f) => hardCodedText(f, readFileSync(f, 'utf8')));
    expect(found).toEqual([]);
  });

  it('the hard-coded text check does catch literal words', () => {
    const src = 'export const X = () => <div title="Save it"><b>Mentés</b>{t("a")} · 3</div>;';
    expect(hardCodedText('x.tsx', src)).toEqual(['x.tsx: title="Save it"', 'x.tsx: text "Mentés"']);
  });
});
