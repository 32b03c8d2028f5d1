import { describe, expect, it } from 'vitest';
import {
  headerFingerprint, matchProfileToHeaders, proposeProfile, renameColumns, unmappedColumns,
} from '../../shared/profile/propose';
import { parseProfile } from '../../shared/profile/profile-parse';
import { compileMapping } from '../../shared/mapping/compile-mapping';

const HU = ['Ügyfélkód', 'Cégnév', 'Irányítószám', 'Város', 'Cím', 'Adószám', 'E-mail', 'Telefon', 'Weboldal', 'Létszám',
  'Árbevétel', 'Kapcsolattartó vezetéknév', 'Kapcsolattartó keresztnév', 'Kapcsolattartó e-mail', 'Státusz', 'Felelős', 'Megjegyzés'];
const EN = ['Customer ID', 'Company name', 'Zip', 'City', 'Street', 'VAT', 'Email', 'Phone', 'Website', 'Employees', 'Revenue',
  'Contact 1 first name', 'Contact 1 last name', 'Contact 1 email', 'Contact 2 first name', 'Contact 2 last name', 'Contact 2 phone',
  'Status', 'Owner'];

describe('proposeProfile', () => {
  it('maps Hungarian headers', () => {
    const p = proposeProfile(HU, { name: 'Ügyfelek' });
    expect(p.name).toBe('Ügyfelek');
    expect(p.project).toEqual({ Id: 'Ügyfélkód', Name: 'Cégnév', StatusId: 'Státusz', UserId: 'Felelős' });
    expect(p.business).toMatchObject({
      Name: 'Cégnév', Url: 'Weboldal', Employees: 'Létszám', YearlyRevenue: 'Árbevétel', EUVatNumber: 'Adószám',
      Emails: [{ column: 'E-mail', split: true }], Phones: [{ column: 'Telefon', split: true }],
      Addresses: [{ PostalCode: 'Irányítószám', City: 'Város', Address: 'Cím' }],
    });
    expect(p.contacts).toEqual([{
      FirstName: 'Kapcsolattartó keresztnév', LastName: 'Kapcsolattartó vezetéknév',
      Emails: [{ column: 'Kapcsolattartó e-mail', split: true }],
    }]);
    expect(unmappedColumns(p, HU)).toEqual(['Megjegyzés']);
    // The proposal is a valid profile that compiles against its own headers.
    expect(parseProfile(JSON.parse(JSON.stringify(p)))).toEqual(p);
    expect(() => compileMapping(p, HU)).not.toThrow();
  });

  it('maps English headers with numbered contacts', () => {
    const p = proposeProfile(EN);
    expect(p.project.Id).toBe('Customer ID');
    expect(p.business).toMatchObject({ Name: 'Company name', EUVatNumber: 'VAT', Url: 'Website', Employees: 'Employees', YearlyRevenue: 'Revenue' });
    expect(p.business?.Addresses).toEqual([{ PostalCode: 'Zip', City: 'City', Address: 'Street' }]);
    expect(p.contacts).toEqual([
      { FirstName: 'Contact 1 first name', LastName: 'Contact 1 last name', Emails: [{ column: 'Contact 1 email', split: true }] },
      { FirstName: 'Contact 2 first name', LastName: 'Contact 2 last name', Phones: [{ column: 'Contact 2 phone', split: true }] },
    ]);
  });

  it('is accent-, case- and spelling-tolerant', () => {
    const p = proposeProfile(['UGYFELKOD', 'cegnev', 'Iranyitoszam', 'varos', 'E-mail cím', 'Telefonszám', 'Letszam', 'Cegjegyzekszam', 'Bankszámla', 'Mobil']);
    expect(p.project.Id).toBe('UGYFELKOD');
    expect(p.business).toMatchObject({
      Name: 'cegnev', Employees: 'Letszam', RegistrationNumber: 'Cegjegyzekszam', BankAccount: 'Bankszámla',
      Emails: [{ column: 'E-mail cím', split: true }],
      Phones: [{ column: 'Telefonszám', split: true }, { column: 'Mobil', split: true }],
      Addresses: [{ PostalCode: 'Iranyitoszam', City: 'varos' }],
    });
    const typo = proposeProfile(['Ügyfélkod', 'Irányítószm', 'Weboldl']);
    expect(typo.business).toMatchObject({ Url: 'Weboldl', Addresses: [{ PostalCode: 'Irányítószm' }] });
  });

  it('groups address columns by their qualifier and reads contacts without a contact word', () => {
    const p = proposeProfile(['Partnerkód', 'Partner neve', 'Székhely irányítószám', 'Székhely város', 'Számlázási irányítószám',
      'Számlázási város', 'Számlázási cím', 'Kapcsolattartó neve', 'Beosztás']);
    expect(p.project).toEqual({ Id: 'Partnerkód', Name: 'Partner neve' });
    expect(p.business?.Addresses).toEqual([
      { PostalCode: 'Székhely irányítószám', City: 'Székhely város' },
      { PostalCode: 'Számlázási irányítószám', City: 'Számlázási város', Address: 'Számlázási cím' },
    ]);
    expect(p.contacts).toEqual([{ LastName: 'Kapcsolattartó neve', Position: 'Beosztás' }]);
  });

  it('lets the last word decide and keeps qualified address columns together', () => {
    const p = proposeProfile(['Azonosító', 'Ügyfél neve', 'Ügyfél e-mail', 'Ügyfél telefon', 'Kategória', 'Billing Street', 'Billing City', 'Billing Zip/Postal Code']);
    expect(p.project).toEqual({ Id: 'Azonosító', Name: 'Ügyfél neve' });
    expect(p.business?.Emails).toEqual([{ column: 'Ügyfél e-mail', split: true }]);
    expect(p.business?.Phones).toEqual([{ column: 'Ügyfél telefon', split: true }]);
    expect(p.business?.Addresses).toEqual([{ Address: 'Billing Street', City: 'Billing City', PostalCode: 'Billing Zip/Postal Code' }]);
    // A bare "Kategória" is the customer's own grouping, not MiniCRM's category id.
    expect(unmappedColumns(p, ['Kategória'])).toEqual(['Kategória']);
  });

  it('still proposes a valid profile when nothing is recognised, and uses samples for e-mail columns', () => {
    const p = proposeProfile(['Alpha', 'Beta'], { samples: [['x', 'y'], ['a@b.hu', 'c@d.hu']] });
    expect(p.project.Id).toBe('Alpha');
    expect(p.business?.Emails).toEqual([{ column: 'Beta', split: true }]);
    // Addresses with display names (as Outlook exports them) are e-mail columns too.
    const named = proposeProfile(['Alpha', 'Címzett'], { samples: [['x'], ['Nagy Gábor <gabor@example.hu>', '"Kiss, Anna" <anna@example.hu>']] });
    expect(named.business?.Emails).toEqual([{ column: 'Címzett', split: true }]);
  });

  it('proposes a version 2 profile that leaves a wrong optional value out', () => {
    const p = proposeProfile(['Kód', 'E-mail']);
    expect(p.version).toBe(2);
    expect(p.onError).toEqual({ values: 'leave-out', projectFields: 'reject', conflicts: 'leave-out' });
  });
});

describe('recognising a saved profile', () => {
  const saved = proposeProfile(HU);

  it('lists missing, added and likely renamed columns', () => {
    const headers = HU.map((h) => (h === 'Cégnév' ? 'Cég neve' : h === 'Weboldal' ? 'Honlap' : h)).concat(['Új oszlop']);
    const m = matchProfileToHeaders(saved, headers);
    expect(m.missing).toEqual(['Cégnév', 'Weboldal']);
    expect(m.added).toEqual(['Honlap', 'Megjegyzés', 'Cég neve', 'Új oszlop'].sort((a, b) => headers.indexOf(a) - headers.indexOf(b)));
    expect(m.renamed).toEqual([{ from: 'Cégnév', to: 'Cég neve' }]);
    const fixed = renameColumns(saved, m.renamed);
    expect(fixed.business?.Name).toBe('Cég neve');
    expect(fixed.project.Name).toBe('Cég neve');
    expect(matchProfileToHeaders(fixed, headers).missing).toEqual(['Weboldal']);
  });

  it('matches headers ignoring case and spaces', () => {
    const m = matchProfileToHeaders(saved, HU.map((h) => ` ${h.toUpperCase()}`));
    expect(m).toEqual({ missing: [], added: [' MEGJEGYZÉS'], renamed: [] });
  });

  it('fingerprints header sets stably', () => {
    expect(headerFingerprint(['Cégnév', ' Város '])).toBe(headerFingerprint(['CÉGNÉV', 'város']));
    expect(headerFingerprint(['a', 'b'])).not.toBe(headerFingerprint(['b', 'a']));
    expect(headerFingerprint(['a,b'])).not.toBe(headerFingerprint(['a', 'b']));
  });
});
