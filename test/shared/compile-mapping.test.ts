import { describe, expect, it } from 'vitest';
import { compileMapping } from '../../shared/mapping/compile-mapping';
import { parseProfile, parseProfileText } from '../../shared/profile/profile-parse';
import { UnusableInputError } from '../../shared/domain/errors';
import type { CellValue } from '../../shared/domain/cell';
import { EXAMPLE_HEADERS, EXAMPLE_PROFILE_JSON } from './example-profile';

const profile = parseProfileText(EXAMPLE_PROFILE_JSON);

function cells(values: Record<string, CellValue>): CellValue[] {
  return EXAMPLE_HEADERS.map((h) => values[h] ?? null);
}

const good: Record<string, CellValue> = {
  'Customer code': 'C-001', Project: 'Kovács Kft – karbantartás', Status: 'Folyamatban', Owner: 'Kiss Anna',
  Company: 'Kovács és Társa Kft.', Web: 'kovacs.hu', Staff: '1.200', Revenue: '3 450,75',
  'E-mail': 'info@kovacs.hu; szamla@kovacs.hu', Phone: '06-30/765-4321', Zip: '0161', City: 'Győr',
  Street: 'Fő utca 1.', 'First name': 'Béla', 'Last name': 'Kovács', Title: 'ügyvezető',
  'Contact e-mail': 'bela@kovacs.hu', 'Contact phone': '06 1 234 5678', Start: '2024.06.08.', Remarks: 'Fontos',
};

describe('compileMapping + mapRow', () => {
  it('maps a Hungarian row into a one-row Project with normalised values', () => {
    const m = compileMapping(profile, EXAMPLE_HEADERS);
    const r = m.mapRow({ row: 4, cells: cells(good) });
    expect(r.issues).toEqual([]);
    expect(r.hasError).toBe(false);
    expect(r.id).toBe('C-001');
    expect(r.project).toEqual({
      Id: 'C-001',
      fields: { Name: 'Kovács Kft – karbantartás', StatusId: 'Folyamatban', UserId: 'Kiss Anna', CategoryId: '3' },
      custom: [['ContractStart', '2024-06-08'], ['Note', 'Fontos']],
      Business: {
        fields: { Name: 'Kovács és Társa Kft.', Url: 'https://kovacs.hu', Employees: '1200', YearlyRevenue: '3450.75' },
        Emails: [
          { Value: 'info@kovacs.hu', Type: 'office', Default: '1' },
          { Value: 'szamla@kovacs.hu', Type: 'office', Default: '0' },
        ],
        Phones: [{ Value: '+36 30 765 4321', Type: 'office', Default: '1' }],
        Addresses: [{ PostalCode: '0161', City: 'Győr', Address: 'Fő utca 1.', Type: 'HQ' }],
      },
      Contacts: [{
        fields: { FirstName: 'Béla', LastName: 'Kovács', Position: 'ügyvezető' },
        Emails: [{ Value: 'bela@kovacs.hu' }],
        Phones: [{ Value: '+36 1 234 5678' }],
      }],
    });
    expect(m.usedColumns).toEqual(EXAMPLE_HEADERS.map((_, i) => i));
    expect(m.schemaChecked).toBe(false);
  });

  it('matches columns ignoring case and surrounding spaces', () => {
    const headers = EXAMPLE_HEADERS.map((h) => `  ${h.toUpperCase()} `);
    const r = compileMapping(profile, headers).mapRow({ row: 2, cells: cells(good) });
    expect(r.id).toBe('C-001');
    expect(r.issues).toEqual([]);
  });

  it('refuses a profile naming missing columns, listing all with the closest headers', () => {
    const headers = EXAMPLE_HEADERS.map((h) => (h === 'Zip' ? 'ZIP code' : h === 'Staff' ? 'Staf' : h)).filter((h) => h !== 'Remarks');
    let err: unknown;
    try {
      compileMapping(profile, headers);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UnusableInputError);
    const e = err as UnusableInputError;
    expect(e.code).toBe('missing-columns');
    expect(e.message).toContain('3 columns');
    expect(e.message).toContain('"Staff" (closest: "Staf"');
    expect(e.message).toContain('"Zip"');
    expect(e.message).toContain('"Remarks"');
    expect(e.params.missing).toBe('Staff, Zip, Remarks');
  });

  it('reports issues with row, column, field, value and a plain message', () => {
    const m = compileMapping(profile, EXAMPLE_HEADERS);
    const r = m.mapRow({ row: 12, cells: cells({ ...good, 'E-mail': 'kovacs@', Staff: 'sok', Start: '2024.02.30.', Phone: 'nincs' }) });
    expect(r.hasError).toBe(true);
    const email = r.issues.find((i) => i.code === 'invalid-email');
    expect(email).toEqual({
      row: 12, column: 'E-mail', field: 'business.Emails', value: 'kovacs@', severity: 'error', code: 'invalid-email',
      message: 'Row 12, column "E-mail": "kovacs@" is not an e-mail address.',
      params: { row: 12, column: 'E-mail', field: 'business.Emails', value: 'kovacs@' },
    });
    expect(r.issues.map((i) => [i.code, i.field, i.severity])).toEqual([
      ['invalid-integer', 'business.Employees', 'error'],
      ['invalid-email', 'business.Emails', 'error'],
      ['unparseable-phone', 'business.Phones', 'warning'],
      ['invalid-date', 'custom.ContractStart', 'error'],
    ]);
    // The project is still built (the engine rejects it through hasError).
    expect(r.project?.Business.Phones).toEqual([{ Value: 'nincs', Type: 'office', Default: '1' }]);
  });

  it('rejects a row without Id', () => {
    const r = compileMapping(profile, EXAMPLE_HEADERS).mapRow({ row: 7, cells: cells({ ...good, 'Customer code': '  ' }) });
    expect(r.id).toBeNull();
    expect(r.project).toBeNull();
    expect(r.hasError).toBe(true);
    expect(r.issues[0]).toMatchObject({ code: 'missing-id', row: 7, column: 'Customer code', field: 'project.Id' });
    expect(r.issues[0]?.message).toBe('Row 7, column "Customer code": the external id is empty, so the row cannot become a MiniCRM card.');
  });

  it('treats forbidden characters in an Id as an error, elsewhere as a warning', () => {
    const r = compileMapping(profile, EXAMPLE_HEADERS).mapRow({ row: 3, cells: cells({ ...good, 'Customer code': 'C\u0000-1', Remarks: 'a\u0002b' }) });
    expect(r.hasError).toBe(true);
    expect(r.issues.map((i) => [i.field, i.severity])).toEqual([['project.Id', 'error'], ['custom.Note', 'warning']]);
    expect(r.project?.custom).toEqual([['ContractStart', '2024-06-08'], ['Note', 'ab']]);
  });

  it('reads number, boolean and date cells from workbooks', () => {
    const r = compileMapping(profile, EXAMPLE_HEADERS).mapRow({
      row: 5,
      cells: cells({ ...good, 'Customer code': 123456, Staff: 268, Revenue: 12.5, Start: { date: '2024-06-08 10:00:00' }, Remarks: true }),
    });
    expect(r.issues).toEqual([]);
    expect(r.id).toBe('123456');
    expect(r.project?.Business.fields).toMatchObject({ Employees: '268', YearlyRevenue: '12.5' });
    expect(r.project?.custom).toEqual([['ContractStart', '2024-06-08 10:00:00'], ['Note', 'TRUE']]);
    const serial = compileMapping(profile, EXAMPLE_HEADERS).mapRow({ row: 6, cells: cells({ ...good, Start: 45451, Staff: 2.5 }) });
    expect(serial.project?.custom[0]).toEqual(['ContractStart', '2024-06-08']);
    expect(serial.issues.map((i) => i.code)).toEqual(['invalid-integer']);
  });

  it('maps several contacts per row and skips empty ones', () => {
    const p = parseProfile({
      format: 'minicrm-sync-profile', version: 1, name: 'two contacts',
      project: { Id: 'Kód' },
      contacts: [
        { LastName: 'Kapcsolattartó 1 név', Emails: [{ column: 'Kapcsolattartó 1 e-mail' }] },
        { LastName: 'Kapcsolattartó 2 név', Phones: [{ column: 'Kapcsolattartó 2 telefon', default: true }] },
      ],
    });
    const headers = ['Kód', 'Kapcsolattartó 1 név', 'Kapcsolattartó 1 e-mail', 'Kapcsolattartó 2 név', 'Kapcsolattartó 2 telefon'];
    const m = compileMapping(p, headers);
    const both = m.mapRow({ row: 2, cells: ['K1', 'Kiss Anna', 'anna@x.hu', 'Nagy Péter', '+36 20 123 4567'] });
    expect(both.project?.Contacts).toEqual([
      { fields: { LastName: 'Kiss Anna' }, Emails: [{ Value: 'anna@x.hu' }], Phones: [] },
      { fields: { LastName: 'Nagy Péter' }, Emails: [], Phones: [{ Value: '+36 20 123 4567', Default: '1' }] },
    ]);
    const one = m.mapRow({ row: 3, cells: ['K2', 'Kiss Anna', '', '', null] });
    expect(one.project?.Contacts).toHaveLength(1);
  });

  it('splits e-mail and phone lists and honours default and constants', () => {
    const p = parseProfile({
      format: 'minicrm-sync-profile', version: 1, name: 'lists',
      project: { Id: 'Id', CategoryId: { value: 3 } },
      business: {
        Emails: [{ column: 'Mail', split: true }, { column: 'Mail 2', type: 'home', default: true }],
        Phones: [{ column: 'Tel', split: true }],
      },
    });
    const m = compileMapping(p, ['Id', 'Mail', 'Mail 2', 'Tel']);
    const r = m.mapRow({ row: 2, cells: ['1', 'a@x.hu, b@x.hu;A@x.hu', 'c@x.hu', '06 30 111 2222; 06-1-333-4444'] });
    expect(r.project?.fields.CategoryId).toBe('3');
    expect(r.project?.Business.Emails).toEqual([
      { Value: 'a@x.hu', Default: '0' }, { Value: 'b@x.hu', Default: '0' }, { Value: 'c@x.hu', Type: 'home', Default: '1' },
    ]);
    expect(r.project?.Business.Phones.map((v) => v.Value)).toEqual(['+36 30 111 2222', '+36 1 333 4444']);
    const bad = m.mapRow({ row: 3, cells: ['2', 'a@x.hu, rossz', '', ''] });
    expect(bad.issues).toMatchObject([{ code: 'invalid-email', value: 'rossz', column: 'Mail' }]);
  });

  it('skips entries marked default: false when choosing the default', () => {
    const p = parseProfile({
      format: 'minicrm-sync-profile', version: 1, name: 'd', project: { Id: 'Id' },
      business: { Phones: [{ column: 'Fax', type: 'fax', default: false }, { column: 'Tel', type: 'office' }] },
    });
    const r = compileMapping(p, ['Id', 'Fax', 'Tel']).mapRow({ row: 2, cells: ['1', '06 1 111 2222', '06 30 111 2222'] });
    expect(r.project?.Business.Phones).toEqual([
      { Value: '+36 1 111 2222', Type: 'fax', Default: '0' },
      { Value: '+36 30 111 2222', Type: 'office', Default: '1' },
    ]);
  });

  it('refuses a constant that its field cannot take', () => {
    const p = parseProfile({ format: 'minicrm-sync-profile', version: 1, name: 'c', project: { Id: 'Id', CategoryId: { value: 'három' } } });
    expect(() => compileMapping(p, ['Id'])).toThrow(/"project.CategoryId" value "három" is not a whole number/);
    expect(() => compileMapping(p, ['Id'])).toThrow(expect.objectContaining({ code: 'invalid-constant', params: { field: 'project.CategoryId', value: 'három' } }));
  });

  it('learns decimal separators and date order from sample rows', () => {
    const p = parseProfile({
      format: 'minicrm-sync-profile', version: 1, name: 's',
      project: { Id: 'Id' }, business: { YearlyRevenue: 'Rev' }, custom: { Start: { column: 'Date', as: 'date' } },
    });
    const samples = [{ row: 2, cells: ['1', '1,200.50', '12/25/2024'] }];
    const m = compileMapping(p, ['Id', 'Rev', 'Date'], { sampleRows: samples });
    const r = m.mapRow({ row: 3, cells: ['2', '1,200', '06/08/2024'] });
    expect(r.issues).toEqual([]);
    expect(r.project?.Business.fields.YearlyRevenue).toBe('1200');
    expect(r.project?.custom).toEqual([['Start', '2024-06-08']]);
    const plain = compileMapping(p, ['Id', 'Rev', 'Date']).mapRow({ row: 3, cells: ['2', '1,200', '06/08/2024'] });
    expect(plain.issues.map((i) => i.code)).toEqual(['unusual-value', 'ambiguous-date']);
    expect(plain.project?.custom).toEqual([['Start', '2024-08-06']]);
  });

  it('uses the profile phone region', () => {
    const p = parseProfile({ format: 'minicrm-sync-profile', version: 1, name: 'at', project: { Id: 'Id' }, business: { Phones: ['Tel'] }, phoneRegion: 'AT' });
    const r = compileMapping(p, ['Id', 'Tel']).mapRow({ row: 2, cells: ['1', '0664 1234567'] });
    expect(r.project?.Business.Phones[0]?.Value).toBe('+43 664 1234567');
  });
});
