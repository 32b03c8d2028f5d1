import type { ZipArchive, ZipPart } from './zip-archive';
import { attr, parseXmlPart } from './xml-stream';

/**
 * Open Packaging Conventions (XLSX, XLSM, XLSB): parts are found by following relationships from
 * `_rels/.rels`, never by fixed names, since writers name them as they like (`xl/workbook.xml`,
 * `workbook.xml` at the root, `xl/SharedStrings.xml`, `xl\worksheets\sheet1.xml`).
 */
const RELS_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const TYPES_NS = 'http://schemas.openxmlformats.org/package/2006/content-types';

export interface Relationship {
  readonly id: string;
  /** The last segment of the type URI: `worksheet`, `sharedStrings`, `styles`, `officeDocument` … */
  readonly type: string;
  /** Resolved part name (no leading `/`), as the archive may find it. */
  readonly target: string;
}

/** `xl/worksheets/../sharedStrings.xml` -> `xl/sharedStrings.xml`; `/xl/x.xml` is absolute. */
export function resolvePart(from: string, target: string): string {
  const t = target.replace(/\\/g, '/');
  const base = t.startsWith('/') ? [] : from.split('/').slice(0, -1);
  for (const seg of t.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') base.pop();
    else base.push(seg);
  }
  return base.join('/');
}

function relsPartOf(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

/** The relationships of `part` ('' for the package itself); none when it has no `.rels` part. */
export async function readRelationships(zip: ZipArchive, part: string): Promise<Relationship[]> {
  const rels = zip.find(part === '' ? '_rels/.rels' : relsPartOf(part));
  if (!rels) return [];
  const out: Relationship[] = [];
  await parseXmlPart(zip, rels, {
    open(tag) {
      if (tag.local !== 'Relationship' || tag.uri !== RELS_NS) return;
      const id = attr(tag, 'Id');
      const type = attr(tag, 'Type');
      const target = attr(tag, 'Target');
      if (id === undefined || type === undefined || target === undefined || attr(tag, 'TargetMode') === 'External') return;
      out.push({ id, type: type.slice(type.lastIndexOf('/') + 1), target: resolvePart(part, target) });
    },
  });
  return out;
}

/** Content types by part name (Override) and by extension (Default), lower-cased keys. */
export async function readContentTypes(zip: ZipArchive): Promise<{ byPart: Map<string, string>; byExt: Map<string, string> }> {
  const byPart = new Map<string, string>();
  const byExt = new Map<string, string>();
  const part = zip.find('[Content_Types].xml');
  if (part) {
    await parseXmlPart(zip, part, {
      open(tag) {
        if (tag.uri !== TYPES_NS) return;
        const type = attr(tag, 'ContentType');
        if (type === undefined) return;
        if (tag.local === 'Override') byPart.set((attr(tag, 'PartName') ?? '').replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase(), type);
        else if (tag.local === 'Default') byExt.set((attr(tag, 'Extension') ?? '').toLowerCase(), type);
      },
    });
  }
  return { byPart, byExt };
}

export type PackageKind = 'xlsx' | 'xlsb' | 'word' | 'presentation' | 'other';

export interface OfficePackage {
  readonly kind: PackageKind;
  /** The main part: the workbook for `xlsx`/`xlsb`. */
  readonly main: ZipPart | null;
}

function kindOf(contentType: string, name: string): PackageKind {
  const t = contentType.toLowerCase();
  if (t.includes('sheet.binary')) return 'xlsb';
  if (t.includes('spreadsheetml') || t.includes('ms-excel')) return 'xlsx';
  if (t.includes('wordprocessingml') || t.includes('ms-word')) return 'word';
  if (t.includes('presentationml') || t.includes('ms-powerpoint')) return 'presentation';
  if (/\.bin$/i.test(name)) return 'xlsb';
  if (/(^|\/)workbook\.xml$/i.test(name)) return 'xlsx';
  if (/(^|\/)document\.xml$/i.test(name)) return 'word';
  if (/(^|\/)presentation\.xml$/i.test(name)) return 'presentation';
  return 'other';
}

/** Follows `_rels/.rels` to the main part and tells what kind of Office document the package is. */
export async function findOfficePackage(zip: ZipArchive): Promise<OfficePackage> {
  const rels = await readRelationships(zip, '');
  const { byPart, byExt } = await readContentTypes(zip);
  const typeOf = (p: ZipPart): string => byPart.get(p.name.toLowerCase()) ?? byExt.get(p.name.slice(p.name.lastIndexOf('.') + 1).toLowerCase()) ?? '';
  const doc = rels.find((r) => r.type === 'officeDocument' && zip.find(r.target));
  let main = doc ? zip.find(doc.target) ?? null : null;
  // No relationship (a hand-made package): the part whose content type says workbook, or the usual names.
  if (!main) {
    for (const [name, type] of byPart) {
      if (/spreadsheetml\.(sheet|template)\.main\+xml$|ms-excel\.(sheet|template)\.(binary\.)?macroenabled\.main/i.test(type) && zip.find(name)) main = zip.find(name) ?? null;
    }
  }
  main ??= zip.find('xl/workbook.xml') ?? zip.find('xl/workbook.bin') ?? null;
  if (!main) return { kind: 'other', main: null };
  return { kind: kindOf(typeOf(main), main.name), main };
}
