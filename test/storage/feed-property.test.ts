import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import { describe, expect, it } from 'vitest';
import { FeedWriter } from '../../electron/services/feed/feed-writer';
import { readFeedFile } from '../../electron/services/feed/feed-reader';
import { flattenProject, packProject, prepareProject, unpackProject } from '../../electron/services/delta/index';
import type { FeedProject, FeedValue } from '../../shared/domain/project';
import { useTempDir } from './temp-dir';
import { asUtf8 } from './packed-format';
import { projectArb } from './project-arb';
import { xmlTree } from './xml-tree';

// What the feed can carry: XML 1.0 characters only (written independently of the app's code).
const legal = (s: string): string => s.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');
const present = (s: string | undefined): s is string => s !== undefined && s !== '';

/** The reference: the same project serialized by xmlbuilder2's own builder. */
function reference(projects: FeedProject[]): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('Projects');
  const leaf = (parent: XMLBuilder, name: string, v: string | undefined): void => {
    if (present(v)) parent.ele(name).txt(legal(v));
  };
  const values = (parent: XMLBuilder, tag: string, list: FeedValue[]): void => {
    const items = list.filter((v) => present(v.Value));
    if (items.length === 0) return;
    const l = parent.ele(`${tag}s`);
    for (const v of items) {
      const e = l.ele(tag);
      leaf(e, 'Value', v.Value);
      leaf(e, 'Type', v.Type);
      leaf(e, 'Default', v.Default);
    }
  };
  for (const p of projects) {
    const pe = root.ele('Project', { Id: legal(p.Id) });
    for (const f of ['Name', 'StatusId', 'UserId', 'CategoryId'] as const) leaf(pe, f, p.fields[f]);
    for (const [name, v] of p.custom) leaf(pe, name, v);
    const b = p.Business;
    const be = create().ele('Business');
    for (const f of ['Name', 'Url', 'Description', 'Region', 'Employees', 'YearlyRevenue', 'EUVatNumber', 'RegistrationNumber', 'BankAccount', 'Swift'] as const) leaf(be, f, b.fields[f]);
    values(be, 'Email', b.Emails);
    values(be, 'Phone', b.Phones);
    const addrs = b.Addresses.filter((a) => Object.values(a).some(present));
    if (addrs.length) {
      const ae = be.ele('Addresses');
      for (const a of addrs) {
        const e = ae.ele('Address');
        for (const f of ['PostalCode', 'City', 'Address', 'Type'] as const) leaf(e, f, a[f]);
      }
    }
    if (be.node.childNodes.length) pe.import(be);
    const ce = create().ele('Contacts');
    for (const c of p.Contacts) {
      const e = create().ele('Contact');
      for (const f of ['FirstName', 'LastName', 'Position'] as const) leaf(e, f, c.fields[f]);
      values(e, 'Email', c.Emails);
      values(e, 'Phone', c.Phones);
      if (e.node.childNodes.length) ce.import(e);
    }
    if (ce.node.childNodes.length) pe.import(ce);
  }
  return root.end();
}

describe('FeedWriter against xmlbuilder2 (property)', () => {
  const tempDir = useTempDir();

  async function written(projects: FeedProject[]): Promise<{ file: string; xml: string }> {
    const file = path.join(tempDir(), 'f.xml');
    const w = await FeedWriter.open(file);
    for (const p of projects) await w.write(p);
    await w.commit();
    return { file, xml: fs.readFileSync(file, 'utf8') };
  }

  it('parses to the same tree as xmlbuilder2\'s serialization of the same projects', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(projectArb(false), { minLength: 1, maxLength: 4 }), async (projects) => {
        const { xml } = await written(projects);
        expect(xmlTree(xml)).toEqual(xmlTree(reference(projects)));
      }),
      { numRuns: 150 },
    );
  });

  it('carries every legal character exactly (CR, tab, newline in text and attributes too) and reads back', async () => {
    await fc.assert(
      fc.asyncProperty(projectArb(true), async (p) => {
        const { file, xml } = await written([p]);
        const pe = xmlTree(xml).children[0]!;
        expect(pe.attrs.Id).toBe(legal(p.Id));
        expect(pe.children.find((c) => c.name === 'Name')?.text).toBe(present(p.fields.Name) ? legal(p.fields.Name) : undefined);
        const back = await readFeedFile(file);
        expect(back).toHaveLength(1);
        expect(flattenProject(back[0]!)).toEqual(flattenProject(legalized(p)));
        expect(back[0]!.Id).toBe(legal(p.Id));
      }),
      { numRuns: 100 },
    );
  });
});

describe('packed values (property)', () => {
  it('store exactly what the flat record shows, and hash the same for reordered custom fields', () => {
    const projectHash = (p: FeedProject): string => prepareProject(p).hash;
    fc.assert(
      fc.property(projectArb(true), (p) => {
        // UTF-8 cannot carry a lone surrogate: it is stored as U+FFFD.
        expect(flattenProject(unpackProject(packProject(p)))).toEqual(flattenProject(asUtf8(p)));
        // Reading the stored string back loses nothing the feed carries.
        expect(packProject(unpackProject(packProject(p)))).toBe(packProject(p));
        // (With a name given twice the last value counts, so order matters there.)
        if (new Set(p.custom.map(([n]) => n)).size === p.custom.length) {
          expect(projectHash({ ...p, custom: [...p.custom].reverse() })).toBe(projectHash(p));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('flattenProject (property)', () => {
  it('equals JSON.stringify of an independent object-based flattening', () => {
    fc.assert(
      fc.property(projectArb(true), (p) => {
        expect(JSON.stringify(flattenProject(p))).toBe(JSON.stringify(oracleFlatten(p)));
      }),
      { numRuns: 300 },
    );
  });
});

/** The flattening rules written out plainly once more (the oracle). */
function oracleFlatten(p: FeedProject): Record<string, string> {
  const flat: Record<string, string> = {};
  const put = (k: string, v: string | undefined): void => {
    if (present(v)) flat[k] = v;
  };
  const vals = (prefix: string, list: FeedValue[]): void => {
    list.filter((v) => present(v.Value)).forEach((v, i) => {
      put(`${prefix}[${i}].Value`, v.Value);
      put(`${prefix}[${i}].Type`, v.Type);
      if (v.Default !== undefined) flat[`${prefix}[${i}].Default`] = v.Default;
    });
  };
  for (const f of ['Name', 'StatusId', 'UserId', 'CategoryId'] as const) put(f, p.fields[f]);
  for (const [k, v] of [...p.custom].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) put(k, v);
  for (const f of ['Name', 'Url', 'Description', 'Region', 'Employees', 'YearlyRevenue', 'EUVatNumber', 'RegistrationNumber', 'BankAccount', 'Swift'] as const) {
    put(`Business.${f}`, p.Business.fields[f]);
  }
  vals('Business.Emails', p.Business.Emails);
  vals('Business.Phones', p.Business.Phones);
  p.Business.Addresses.filter((a) => Object.values(a).some(present)).forEach((a, i) => {
    for (const f of ['PostalCode', 'City', 'Address', 'Type'] as const) put(`Business.Addresses[${i}].${f}`, a[f]);
  });
  p.Contacts
    .filter((c) => Object.values(c.fields).some(present) || c.Emails.some((v) => present(v.Value)) || c.Phones.some((v) => present(v.Value)))
    .forEach((c, i) => {
      for (const f of ['FirstName', 'LastName', 'Position'] as const) put(`Contacts[${i}].${f}`, c.fields[f]);
      vals(`Contacts[${i}].Emails`, c.Emails);
      vals(`Contacts[${i}].Phones`, c.Phones);
    });
  return flat;
}

/** The project with every string made legal (what the feed can carry), for comparison. */
function legalized(p: FeedProject): FeedProject {
  return JSON.parse(JSON.stringify(p), (_k, v: unknown) => (typeof v === 'string' ? legal(v) : v)) as FeedProject;
}

