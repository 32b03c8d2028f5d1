import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { FIELD_CATALOG, catalogField, customField, isValidApiName } from '../../shared/catalog/field-catalog';

const feed = readFileSync(fileURLToPath(new URL('../fixtures/example-feed.xml', import.meta.url)), 'utf8');

/** Every element path under <Project> in MiniCRM's example feed, e.g. `Business/Emails/Email/Value`. */
function elementPaths(xml: string): Set<string> {
  const paths = new Set<string>();
  const stack: string[] = [];
  const p = new SaxesParser();
  p.on('opentag', (t) => {
    stack.push(t.name);
    const i = stack.indexOf('Project');
    if (i >= 0 && stack.length > i + 1) paths.add(stack.slice(i + 1).join('/'));
  });
  p.on('closetag', () => stack.pop());
  p.write(xml).close();
  return paths;
}

/** Where each feed element lives in the catalog. Containers and list parts (Value/Type/Default) belong to their list field. */
function catalogPathFor(xmlPath: string): string | null {
  const parts = xmlPath.split('/');
  const [top, second, , fourth] = parts;
  if (parts.length === 1) return top === 'Business' || top === 'Contacts' ? null : `project.${top}`;
  if (top === 'Business') {
    if (second === 'Emails' || second === 'Phones') return `business.${second}`;
    if (second === 'Addresses') return parts.length === 4 ? `business.Addresses[].${fourth}` : null;
    return `business.${second}`;
  }
  if (top === 'Contacts') {
    if (parts.length < 3) return null;
    return `contacts[].${parts[2]}`;
  }
  return null;
}

describe('field catalog', () => {
  it('covers every element of MiniCRM example feed', () => {
    const paths = elementPaths(feed);
    expect(paths.size).toBeGreaterThan(25);
    const missing: string[] = [];
    for (const x of paths) {
      const c = catalogPathFor(x);
      if (c !== null && !catalogField(c)) missing.push(`${x} -> ${c}`);
    }
    expect(missing).toEqual([]);
    // The Id attribute is a field too (required external id).
    expect(catalogField('project.Id')?.required).toBe(true);
    // List entries carry Value/Type/Default in the feed: the list fields exist for both groups.
    for (const p of ['business.Emails', 'business.Phones', 'contacts[].Emails', 'contacts[].Phones']) {
      expect(catalogField(p)?.list).toBe(true);
    }
  });

  it('gives each field a type and English and Hungarian labels', () => {
    const types = Object.fromEntries(FIELD_CATALOG.map((f) => [f.path, f.type]));
    expect(types['business.Employees']).toBe('integer');
    expect(types['business.YearlyRevenue']).toBe('number');
    expect(types['business.Url']).toBe('url');
    expect(types['business.Emails']).toBe('email');
    expect(types['contacts[].Phones']).toBe('phone');
    expect(types['business.Addresses[].PostalCode']).toBe('text');
    for (const f of FIELD_CATALOG) {
      expect(f.label.en.length).toBeGreaterThan(1);
      expect(f.label.hu.length).toBeGreaterThan(1);
    }
    expect(catalogField('business.Name')?.label.hu).toBe('Cégnév');
    expect(catalogField('contacts[3].LastName')?.group).toBe('contact');
  });

  it('describes custom fields by API name and refuses names the feed cannot carry', () => {
    expect(customField('Enum1221')).toMatchObject({ path: 'custom.Enum1221', element: 'Enum1221', type: 'text', group: 'custom' });
    expect(customField('ContractStart', 'date').type).toBe('date');
    expect(isValidApiName('Enum1221')).toBe(true);
    expect(isValidApiName('Szerződés')).toBe(false);
    expect(isValidApiName('Name')).toBe(false);
    expect(isValidApiName('1abc')).toBe(false);
  });
});
