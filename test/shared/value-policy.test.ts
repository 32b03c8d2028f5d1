// One bad value no longer sinks a card (profile `onError`), totals rows, `Name <address>` cells and NFC text.
import { describe, expect, it } from 'vitest';
import { compileMapping, type RowResult } from '../../shared/mapping/compile-mapping';
import { mergeInto, startProject } from '../../shared/mapping/merge-projects';
import { parseProfile, parseProfileText } from '../../shared/profile/profile-parse';
import { DEFAULT_POLICY, withErrorPolicy } from '../../shared/profile/error-policy';
import { summaryCell } from '../../shared/mapping/summary-row';
import type { CellValue } from '../../shared/domain/cell';
import type { ProfileV1 } from '../../shared/profile/profile-types';
import type { ProjectSchema } from '../../shared/domain/schema';
import { EXAMPLE_HEADERS, EXAMPLE_PROFILE_JSON } from './example-profile';

const v1 = parseProfileText(EXAMPLE_PROFILE_JSON);
const v2 = withErrorPolicy(v1, DEFAULT_POLICY);

function cells(values: Record<string, CellValue>): CellValue[] {
  return EXAMPLE_HEADERS.map((h) => values[h] ?? null);
}

const row: Record<string, CellValue> = {
  'Customer code': 'C-001', Project: 'Kovács Kft', Company: 'Kovács Kft.', 'E-mail': 'info@kovacs.hu; szamla@',
  Phone: '06-30/765-4321', Staff: 'sok', 'Contact e-mail': 'bela@', Start: '2024.13.45.', 'Last name': 'Kovács',
};

const codes = (r: RowResult) => r.issues.map((i) => [i.code, i.field, i.severity, i.value]);

describe('a bad optional value', () => {
  it('is left out under the default policy: the project is sent with its valid values, each left-out value named', () => {
    const r = compileMapping(v2, EXAMPLE_HEADERS).mapRow({ row: 7, cells: cells(row) });
    expect(r.hasError).toBe(false);
    expect(r.project?.Business.Emails).toEqual([{ Value: 'info@kovacs.hu', Type: 'office', Default: '1' }]);
    expect(r.project?.Business.fields).toEqual({ Name: 'Kovács Kft.' });
    expect(r.project?.Contacts).toEqual([{ fields: { LastName: 'Kovács' }, Emails: [], Phones: [] }]);
    expect(r.project?.custom).toEqual([]);
    expect(codes(r)).toEqual([
      ['value-left-out', 'business.Employees', 'warning', 'sok'],
      ['value-left-out', 'business.Emails', 'warning', 'szamla@'],
      ['value-left-out', 'contacts[0].Emails', 'warning', 'bela@'],
      ['value-left-out', 'custom.ContractStart', 'warning', '2024.13.45.'],
    ]);
    const email = r.issues[1]!;
    expect(email).toMatchObject({ row: 7, column: 'E-mail', params: { reason: 'invalid-email', value: 'szamla@' } });
    expect(email.message).toBe('Row 7, column "E-mail": "szamla@" is not an e-mail address; it was left out, the rest of the project is sent.');
  });

  it('rejects the project as before in a version 1 profile, and when the profile says "reject"', () => {
    for (const p of [v1, withErrorPolicy(v1, { values: 'reject' })]) {
      const r = compileMapping(p, EXAMPLE_HEADERS).mapRow({ row: 7, cells: cells(row) });
      expect(r.hasError).toBe(true);
      expect(r.issues.map((i) => i.code)).toEqual(['invalid-integer', 'invalid-email', 'invalid-email', 'invalid-date']);
    }
  });

  it('a missing or broken Id always rejects its row, whatever the policy', () => {
    const m = compileMapping(withErrorPolicy(v1, { values: 'leave-out', projectFields: 'leave-out' }), EXAMPLE_HEADERS);
    const none = m.mapRow({ row: 3, cells: cells({ ...row, 'Customer code': '' }) });
    expect(none).toMatchObject({ id: null, project: null, hasError: true });
    expect(none.issues[0]).toMatchObject({ code: 'missing-id', severity: 'error' });
    const broken = m.mapRow({ row: 4, cells: cells({ ...row, 'Customer code': 'C-\u00071' }) });
    expect(broken.hasError).toBe(true);
    expect(broken.issues[0]).toMatchObject({ code: 'forbidden-characters', severity: 'error', field: 'project.Id' });
  });

  it('project fields follow their own key: a status MiniCRM does not know rejects by default, or is left out', () => {
    const schema: ProjectSchema = { categoryId: '3', fetchedAt: '2026-01-01T00:00:00Z', fields: {}, statuses: { '10': 'Folyamatban' }, users: {} };
    const bad = cells({ ...row, Staff: '12', Start: '', 'E-mail': '', 'Contact e-mail': '', Status: 'Ismeretlen' });
    const reject = compileMapping(v2, EXAMPLE_HEADERS, { schema }).mapRow({ row: 5, cells: bad });
    expect(reject.hasError).toBe(true);
    const leave = compileMapping(withErrorPolicy(v2, { projectFields: 'leave-out' }), EXAMPLE_HEADERS, { schema }).mapRow({ row: 5, cells: bad });
    expect(leave.hasError).toBe(false);
    expect(leave.project?.fields.StatusId).toBeUndefined();
    expect(leave.issues).toMatchObject([{ code: 'value-left-out', field: 'project.StatusId', params: { reason: 'unknown-option' } }]);
  });
});

describe('rows of one Id that contradict each other', () => {
  const two = (p: ProfileV1) => {
    const m = compileMapping(p, EXAMPLE_HEADERS);
    const a = m.mapRow({ row: 2, cells: cells({ 'Customer code': 'C-1', Company: 'Kovács Kft.' }) });
    const b = m.mapRow({ row: 3, cells: cells({ 'Customer code': 'C-1', Company: 'Kovács Bt.' }) });
    const project = startProject(a, 2);
    return { project, issues: mergeInto(project, b, 3) };
  };

  it('keep the first row with a warning by default', () => {
    const { project, issues } = two(v2);
    expect(project.rejected).toBe(false);
    expect(project.project.Business.fields.Name).toBe('Kovács Kft.');
    expect(issues).toMatchObject([{ code: 'merge-conflict', severity: 'warning', row: 3, column: 'Company' }]);
  });

  it('reject the project when the profile says so', () => {
    const { project, issues } = two(withErrorPolicy(v1, { conflicts: 'reject' }));
    expect(project.rejected).toBe(true);
    expect(issues[0]).toMatchObject({ code: 'merge-conflict', severity: 'error' });
    expect(issues[0]!.message).toMatch(/the project is rejected/);
  });
});

describe('totals rows', () => {
  const m = compileMapping(v2, EXAMPLE_HEADERS);
  it.each([
    [{ 'Customer code': 'Összesen: 2 ügyfél' }],
    [{ Project: 'Összesen:', Revenue: '6 901,50' }],
    [{ 'Customer code': 'TOTAL', Staff: '12' }],
    [{ 'Customer code': '  Mindösszesen (2)' }],
    [{ Project: 'O\u0308sszesen 2' }],
    [{ 'Customer code': 'Grand total' }],
  ])('%j is left out with a warning, not a card', (values) => {
    const r = m.mapRow({ row: 9, cells: cells(values) });
    expect(r).toMatchObject({ summary: true, id: null, project: null, hasError: false });
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ code: 'summary-row', severity: 'warning', row: 9 });
    expect(r.issues[0]!.message).toMatch(/looks like a totals row/);
  });

  it.each([
    [{ 'Customer code': 'C-9', Project: 'Total Kft.' }],
    [{ 'Customer code': 'Total Energies Kft.' }],
    [{ 'Customer code': 'C-9', Project: 'Összesen' }],
    [{ 'Customer code': 'Summary Bt.' }],
  ])('%j stays a customer', (values) => {
    expect(m.mapRow({ row: 9, cells: cells(values) }).summary).toBe(false);
  });

  it('tells other rows apart by the first character of their first filled cell', () => {
    expect(summaryCell(['C-1', 'Total'], 0)).toBe(-1);
    expect(summaryCell([null, '', 'Total:', 5], 0)).toBe(2);
    expect(summaryCell([12, 'Total'], 1)).toBe(-1);
  });
});

describe('Name <address> cells', () => {
  const profile = parseProfile({
    format: 'minicrm-sync-profile', version: 2, name: 'n', project: { Id: 'Id' },
    business: { Emails: [{ column: 'Címzettek', split: true }] },
    contacts: [{ LastName: 'Kapcsolat', Emails: [{ column: 'Kapcsolat' }] }],
  });
  const m = compileMapping(profile, ['Id', 'Címzettek', 'Kapcsolat']);

  it('give the address to e-mail fields and the name to a contact name field, in split and unsplit columns', () => {
    const r = m.mapRow({ row: 2, cells: ['1', 'Nagy, Gábor <gabor@example.hu>; "Kiss Anna" <anna@example.hu>, iroda@example.hu', 'Nagy Gábor <gabor@example.hu>'] });
    expect(r.hasError).toBe(false);
    expect(r.project?.Business.Emails.map((e) => e.Value)).toEqual(['gabor@example.hu', 'anna@example.hu', 'iroda@example.hu']);
    expect(r.project?.Contacts).toEqual([{ fields: { LastName: 'Nagy Gábor' }, Emails: [{ Value: 'gabor@example.hu' }], Phones: [] }]);
    expect(r.issues.every((i) => i.severity === 'warning' && i.code === 'unusual-value')).toBe(true);
  });

  it('keep an accented address (RFC 6531) with a warning that some mail systems cannot deliver to it', () => {
    const r = m.mapRow({ row: 3, cells: ['2', 'péter@cég.hu', 'Kovács Péter <péter@cég.hu>'] });
    expect(r.hasError).toBe(false);
    expect(r.project?.Business.Emails.map((e) => e.Value)).toEqual(['péter@cég.hu']);
    expect(r.project?.Contacts[0]?.fields.LastName).toBe('Kovács Péter');
    expect(r.issues.map((i) => i.code)).toEqual(['international-email', 'international-email']);
    expect(r.issues[0]!.message).toMatch(/some mail systems cannot deliver to it/);
  });
});

describe('text in NFC', () => {
  it('decomposed letters (as macOS writes them) are written composed, in every kind of field', () => {
    const nfd = (s: string) => s.normalize('NFD');
    const r = compileMapping(v2, EXAMPLE_HEADERS).mapRow({
      row: 2,
      cells: cells({ 'Customer code': nfd('Ügy-1'), Company: nfd('Kovács és Társa'), City: nfd('Győr'), Web: nfd('kávé.hu/étlap'), 'E-mail': nfd('info@kávé.hu'), Remarks: nfd('Fontos ügyfél') }),
    });
    expect(r.issues).toEqual([]);
    expect(r.id).toBe('Ügy-1');
    const p = r.project!;
    expect([p.Business.fields.Name, p.Business.Addresses[0]?.City, p.Business.fields.Url, p.Business.Emails[0]?.Value, p.custom[0]?.[1]])
      .toEqual(['Kovács és Társa', 'Győr', 'https://kávé.hu/étlap', 'info@kávé.hu', 'Fontos ügyfél']);
    for (const v of JSON.stringify(p).match(/"[^"]*"/g) ?? []) expect(v.normalize('NFC')).toBe(v);
  });
});
