import { describe, expect, it } from 'vitest';
import { compileMapping } from '../../shared/mapping/compile-mapping';
import { mergeInto, startProject } from '../../shared/mapping/merge-projects';
import { parseProfile } from '../../shared/profile/profile-parse';

const profile = parseProfile({
  format: 'minicrm-sync-profile', version: 1, name: 'merge',
  project: { Id: 'Kód', Name: 'Név' },
  business: {
    Name: 'Cégnév', Emails: [{ column: 'E-mail' }], Phones: [{ column: 'Telefon' }],
    Addresses: [{ PostalCode: 'Irsz', City: 'Város' }],
  },
  contacts: [{ LastName: 'Kapcsolattartó', Emails: [{ column: 'Kapcsolattartó e-mail' }] }],
  custom: { Note: 'Megjegyzés' },
});
const headers = ['Kód', 'Név', 'Cégnév', 'E-mail', 'Telefon', 'Irsz', 'Város', 'Kapcsolattartó', 'Kapcsolattartó e-mail', 'Megjegyzés'];
const m = compileMapping(profile, headers);

describe('merging rows that share an Id', () => {
  it('keeps the first non-empty scalar and warns about later conflicts, naming both rows', () => {
    const a = m.mapRow({ row: 4, cells: ['K1', 'Y', '', 'a@x.hu', '', '1011', 'Budapest', 'Kiss Anna', 'anna@x.hu', ''] });
    const b = m.mapRow({ row: 7, cells: ['K1', 'X', 'Kovács Kft', 'A@X.HU', '06 30 111 2222', '1011', 'Budapest', 'Kiss Anna', 'anna2@x.hu', 'első'] });
    const c = m.mapRow({ row: 9, cells: ['K1', 'Y', 'Kovács Bt', 'b@x.hu', '', '9021', 'Győr', 'Nagy Péter', '', 'második'] });
    const p = startProject(a, 4);
    const w1 = mergeInto(p, b, 7);
    expect(w1).toHaveLength(1);
    expect(w1[0]).toMatchObject({
      row: 7, column: 'Név', field: 'project.Name', value: 'X', severity: 'warning', code: 'merge-conflict',
      message: 'Row 7 gives Name "X" but row 4 already gave "Y"; keeping row 4.',
    });
    const w2 = mergeInto(p, c, 9);
    expect(w2.map((w) => w.message)).toEqual([
      'Row 9 gives Company name "Kovács Bt" but row 7 already gave "Kovács Kft"; keeping row 7.',
      'Row 9 gives Note "második" but row 7 already gave "első"; keeping row 7.',
    ]);
    expect(w2[0]?.column).toBe('Cégnév');
    expect(p.rows).toEqual([4, 7, 9]);
    expect(p.rejected).toBe(false);
    const pr = p.project;
    expect(pr.fields.Name).toBe('Y');
    expect(pr.Business.fields.Name).toBe('Kovács Kft');
    expect(pr.custom).toEqual([['Note', 'első']]);
    // Lists: row order, no duplicates (e-mails compared without case), one default.
    expect(pr.Business.Emails).toEqual([{ Value: 'a@x.hu', Default: '1' }, { Value: 'b@x.hu', Default: '0' }]);
    expect(pr.Business.Phones).toEqual([{ Value: '+36 30 111 2222', Default: '1' }]);
    expect(pr.Business.Addresses).toEqual([{ PostalCode: '1011', City: 'Budapest' }, { PostalCode: '9021', City: 'Győr' }]);
    // The same person on two rows is one contact with both addresses.
    expect(pr.Contacts).toEqual([
      { fields: { LastName: 'Kiss Anna' }, Emails: [{ Value: 'anna@x.hu' }, { Value: 'anna2@x.hu' }], Phones: [] },
      { fields: { LastName: 'Nagy Péter' }, Emails: [], Phones: [] },
    ]);
  });

  it('rejects the whole project when any of its rows has an error', () => {
    const a = m.mapRow({ row: 2, cells: ['K2', 'Jó', '', 'ok@x.hu', '', '', '', '', '', ''] });
    const b = m.mapRow({ row: 3, cells: ['K2', '', '', 'rossz@', '', '', '', '', '', ''] });
    const p = startProject(a, 2);
    expect(p.rejected).toBe(false);
    mergeInto(p, b, 3);
    expect(p.rejected).toBe(true);
    const first = startProject(b, 3);
    expect(first.rejected).toBe(true);
  });

  it('equal values are no conflict', () => {
    const a = m.mapRow({ row: 2, cells: ['K3', 'Same', 'Cég', '', '', '', '', '', '', 'x'] });
    const b = m.mapRow({ row: 3, cells: ['K3', 'Same', 'Cég', '', '', '', '', '', '', 'x'] });
    const p = startProject(a, 2);
    expect(mergeInto(p, b, 3)).toEqual([]);
    expect(p.project.custom).toEqual([['Note', 'x']]);
  });

  it('puts a customer of an order export together from 20,000 rows: each person and value once, in row order', () => {
    // Row n: the customer's e-mail in two cases, one of 50 phones, 3 addresses, a contact of 1,000 (by name).
    const row = (n: number) => m.mapRow({
      row: n,
      cells: ['K9', 'Vevő', 'Vevő Kft', n % 2 ? 'info@vevo.hu' : 'INFO@vevo.hu', `06 30 ${String(1_000_000 + (n % 50))}`,
        String(1000 + (n % 3)), 'Budapest', `Ügyfél ${n % 1000}`, `u${n % 1000}.${n % 7}@vevo.hu`, ''],
    });
    const p = startProject(row(2), 2);
    for (let n = 3; n < 20_002; n++) expect(mergeInto(p, row(n), n)).toEqual([]);
    const pr = p.project;
    expect(p.rows).toHaveLength(20_000);
    expect(pr.Business.Emails).toEqual([{ Value: 'INFO@vevo.hu', Default: '1' }]);
    expect(pr.Business.Phones).toHaveLength(50);
    expect(pr.Business.Phones.filter((v) => v.Default === '1')).toHaveLength(1);
    expect(pr.Business.Phones[0]).toEqual({ Value: '+36 30 100 0002', Default: '1' });
    expect(pr.Business.Addresses.map((a) => a.PostalCode)).toEqual(['1002', '1000', '1001']);
    expect(pr.Contacts).toHaveLength(1000);
    expect(pr.Contacts[0]!.fields.LastName).toBe('Ügyfél 2');
    // Contact n % 1000 appears on 20 rows with 7 different e-mails, each kept once, first seen first.
    expect(pr.Contacts[0]!.Emails.map((e) => e.Value)).toEqual(
      [2, 1002, 2002, 3002, 4002, 5002, 6002].map((n) => `u2.${n % 7}@vevo.hu`));
  });
});
