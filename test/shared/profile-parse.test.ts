import { describe, expect, it } from 'vitest';
import { parseProfile, parseProfileText, serializeProfile } from '../../shared/profile/profile-parse';
import { UnusableInputError } from '../../shared/domain/errors';
import { EXAMPLE_PROFILE_JSON } from './example-profile';
import { DEFAULT_POLICY, errorPolicy, withErrorPolicy } from '../../shared/profile/error-policy';

const example = (): Record<string, unknown> => JSON.parse(EXAMPLE_PROFILE_JSON) as Record<string, unknown>;

function refusal(json: unknown): UnusableInputError {
  try {
    parseProfile(json);
  } catch (e) {
    expect(e).toBeInstanceOf(UnusableInputError);
    expect((e as UnusableInputError).code).toBe('invalid-profile');
    return e as UnusableInputError;
  }
  throw new Error('profile was accepted');
}

describe('parseProfile', () => {
  it('accepts the exact v1 example from the issue', () => {
    const p = parseProfileText(EXAMPLE_PROFILE_JSON);
    expect(p.name).toBe('ERP customers');
    expect(p.source).toEqual({ sheet: 'Customers', headerRow: 3, encoding: 'windows-1250', delimiter: ';' });
    expect(p.project).toEqual({ Id: 'Customer code', Name: 'Project', StatusId: 'Status', UserId: 'Owner', CategoryId: { value: '3' } });
    expect(p.business?.Emails).toEqual([{ column: 'E-mail', type: 'office', split: true }]);
    expect(p.business?.Addresses).toEqual([{ type: 'HQ', PostalCode: 'Zip', City: 'City', Address: 'Street' }]);
    expect(p.contacts?.[0]?.Phones).toEqual([{ column: 'Contact phone' }]);
    expect(p.custom).toEqual({ ContractStart: { column: 'Start', as: 'date' }, Note: 'Remarks' });
  });

  it('names an unknown key with its full path', () => {
    const j = example();
    (j.business as { Emails: unknown[] }).Emails = [{ colum: 'E-mail' }];
    expect(refusal(j).message).toBe('Profile key "business.Emails[0].colum" is not known');
    // The UI names the same path in the user's language.
    expect(refusal(j).params).toEqual({ key: 'business.Emails[0].colum' });
    const k = example();
    k.sourc = {};
    expect(refusal(k).message).toBe('Profile key "sourc" is not known');
    const c = example();
    (c.contacts as Array<Record<string, unknown>>)[0]!.Telefon = 'x';
    expect(refusal(c).message).toBe('Profile key "contacts[0].Telefon" is not known');
  });

  it('requires format, version, name and project.Id', () => {
    const f = example();
    f.format = 'something-else';
    expect(refusal(f).message).toBe('"format" must be "minicrm-sync-profile"');
    const v = example();
    v.version = 3;
    expect(refusal(v).message).toMatch(/^"version" must be 1 or 2/);
    const id = example();
    delete (id.project as Record<string, unknown>).Id;
    expect(refusal(id).message).toBe('"project.Id" is required');
    const n = example();
    delete n.name;
    expect(refusal(n).message).toBe('"name" is required');
    expect(refusal([]).message).toBe('"profile" must be an object');
  });

  it('checks value shapes and names the key', () => {
    const as = example();
    (as.custom as Record<string, unknown>).ContractStart = { column: 'Start', as: 'datum' };
    expect(refusal(as).message).toMatch(/^"custom\.ContractStart\.as" must be one of text, integer/);
    const both = example();
    (both.project as Record<string, unknown>).Name = { column: 'A', value: 'B' };
    expect(refusal(both).message).toBe('"project.Name" must have either "column" or "value", not both');
    const num = example();
    (num.business as Record<string, unknown>).Staff = 'x';
    expect(refusal(num).message).toBe('Profile key "business.Staff" is not known');
    const split = example();
    (split.business as { Emails: Array<Record<string, unknown>> }).Emails[0]!.split = 'yes';
    expect(refusal(split).message).toBe('"business.Emails[0].split" must be true or false');
    const hr = example();
    (hr.source as Record<string, unknown>).headerRow = 0;
    expect(refusal(hr).message).toBe('"source.headerRow" must be a whole number from 1');
    const empty = example();
    (empty.project as Record<string, unknown>).Id = '  ';
    expect(refusal(empty).message).toBe('"project.Id" must not be empty');
    const custom = example();
    (custom.custom as Record<string, unknown>)['Szerződés kezdete'] = 'Start';
    expect(refusal(custom).message).toMatch(/^Custom field name "custom\.Szerződés kezdete" cannot be a MiniCRM API name/);
  });

  it('accepts our optional keys and tab delimiters', () => {
    const j = example();
    j.phoneRegion = 'at';
    (j.source as Record<string, unknown>).delimiter = '\t';
    const p = parseProfile(j);
    expect(p.phoneRegion).toBe('AT');
    expect(p.source?.delimiter).toBe('\t');
  });

  it('reports bad JSON as one line with the position', () => {
    const bad = '{\n  "format": "minicrm-sync-profile",\n  "version": 1,,\n}';
    let msg = '';
    try {
      parseProfileText(bad);
    } catch (e) {
      expect((e as UnusableInputError).code).toBe('profile-not-json');
      expect((e as UnusableInputError).params).toEqual({ line: 3 });
      msg = (e as Error).message;
    }
    expect(msg).toMatch(/^The profile is not valid JSON at line 3, column \d+: /);
    expect(msg).not.toContain('\n');
  });

  it('serialises stably and round-trips', () => {
    const p = parseProfileText(EXAMPLE_PROFILE_JSON);
    const text = serializeProfile(p);
    expect(parseProfileText(text)).toEqual(p);
    expect(serializeProfile(parseProfileText(text))).toBe(text);
    expect(text.startsWith('{\n  "format": "minicrm-sync-profile",\n  "version": 1,\n  "name": "ERP customers"')).toBe(true);
    // A UTF-8 BOM (Windows Notepad) is not an error.
    expect(parseProfileText(`\uFEFF${text}`)).toEqual(p);
  });
});

describe('what bad values do (onError, profile version 2)', () => {
  it('a version 1 profile still loads, stays version 1 and keeps rejecting a card for one bad value', () => {
    const p = parseProfileText(EXAMPLE_PROFILE_JSON);
    expect(p.version).toBe(1);
    expect(p.onError).toBeUndefined();
    expect(errorPolicy(p)).toEqual({ values: 'reject', projectFields: 'reject', conflicts: 'leave-out' });
    expect(serializeProfile(p)).not.toContain('onError');
  });

  it('version 2 reads the policy, fills what it leaves out with the defaults and writes it back as read', () => {
    const j = { ...example(), version: 2, onError: { values: 'leave-out', conflicts: 'reject' } };
    const p = parseProfile(j);
    expect(p.onError).toEqual({ values: 'leave-out', conflicts: 'reject' });
    expect(errorPolicy(p)).toEqual({ values: 'leave-out', projectFields: 'reject', conflicts: 'reject' });
    expect(errorPolicy(parseProfile({ ...example(), version: 2 }))).toEqual(DEFAULT_POLICY);
    const text = serializeProfile(p);
    expect(text).toContain('"version": 2');
    expect(parseProfileText(text)).toEqual(p);
  });

  it('names a bad policy key or value, and a policy in a version 1 file', () => {
    expect(refusal({ ...example(), version: 2, onError: { values: 'skip' } }).message).toBe('"onError.values" must be "leave-out" or "reject"');
    expect(refusal({ ...example(), version: 2, onError: { emails: 'reject' } }).message).toBe('Profile key "onError.emails" is not known');
    expect(refusal({ ...example(), onError: { values: 'reject' } }).message).toBe('"onError" needs "version": 2');
  });

  it('changing the policy makes a version 1 profile version 2 with every key spelled out', () => {
    const p = withErrorPolicy(parseProfileText(EXAMPLE_PROFILE_JSON), { values: 'leave-out' });
    expect(p.version).toBe(2);
    expect(p.onError).toEqual({ values: 'leave-out', projectFields: 'reject', conflicts: 'leave-out' });
    expect(parseProfileText(serializeProfile(p))).toEqual(p);
  });
});

describe('the README', () => {
  it('shows a profile this app reads, with the policy it documents', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const json = /## Profiles[\s\S]*?```json\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const p = parseProfileText(json);
    expect(p.version).toBe(2);
    expect(errorPolicy(p)).toEqual(DEFAULT_POLICY);
  });
});
