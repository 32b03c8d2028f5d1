/**
 * Every row issue code has a sentence in both languages (with the same placeholders), and issueText
 * says a left-out value in the words of its own code, the country of a phone number in the UI's language,
 * and which same-named columns a profile does not read.
 */
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { ISSUE_CODES } from '../../shared/domain/issue';
import { compileMapping } from '../../shared/mapping/compile-mapping';
import { parseProfile } from '../../shared/profile/profile-parse';
import { issueText } from '../../renderer/src/components/issue-text';
import { en } from '../../renderer/src/i18n/en';
import { hu } from '../../renderer/src/i18n/hu';

const placeholders = (s: string): string[] => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!).sort();

describe('issue codes in the language files', () => {
  it('each has an English and a Hungarian sentence with the same placeholders', () => {
    const e = en.issue as Record<string, string>;
    const h = hu.issue as Record<string, string>;
    for (const code of ISSUE_CODES) {
      expect(e[code], `en ${code}`).toBeTruthy();
      expect(h[code], `hu ${code}`).toBeTruthy();
      expect(placeholders(h[code]!), code).toEqual(placeholders(e[code]!));
    }
  });
});

describe('issueText', () => {
  let t: TFunction;
  let tEn: TFunction;
  beforeAll(async () => {
    const i = i18next.createInstance();
    await i.init({ lng: 'hu', resources: { en: { translation: en }, hu: { translation: hu } }, interpolation: { escapeValue: false } });
    t = i.t;
    tEn = i.getFixedT('en');
  });
  const profile = parseProfile({ format: 'minicrm-sync-profile', version: 2, name: 'x', project: { Id: 'Kód' }, business: { Emails: ['E-mail'], Phones: ['Telefon'] } });
  const m = compileMapping(profile, ['Kód', 'E-mail', 'Telefon']);

  it('a left-out value: why it was wrong, then that the rest of the card is sent', () => {
    const [issue] = m.mapRow({ row: 5, cells: ['A-1', 'rossz@', ''] }).issues;
    expect(issueText(issue!, t, 'hu')).toBe('E-mail: „rossz@” nem érvényes e-mail-cím. Ez az érték kimaradt, az adatlap többi része elmegy.');
  });

  it('an invalid phone number names its country in the UI\'s language and the reading with a leading 0', () => {
    const [issue] = m.mapRow({ row: 5, cells: ['A-1', '', '612345678'] }).issues;
    expect(issueText(issue!, t, 'hu')).toBe('Telefon: „612345678” nem érvényes telefonszám (Magyarország); úgy küldjük, ahogy beírták. Kezdő 0-val ez lenne: +36 1 234 5678.');
  });

  it('a profile reading the first of same-named columns: the others are named with their letters and said not to be read', () => {
    const oneEmail = parseProfile({ format: 'minicrm-sync-profile', version: 2, name: 'x', project: { Id: 'Kód' }, business: { Emails: ['E-mail'] } });
    // As the reader names them: the repeats of "E-mail" carry the column they repeat.
    const columns = (headers: string[], repeats: number[]) => headers.map((header, index) => ({ index, header, samples: [], ...(repeats.includes(index) ? { repeatOf: 1 } : {}) }));
    const [one] = compileMapping(oneEmail, ['Kód', 'E-mail', 'E-mail (2)'], { columns: columns(['Kód', 'E-mail', 'E-mail (2)'], [2]) }).notes;
    expect(issueText(one!, t, 'hu')).toBe('E-mail: A fájlban több „E-mail” nevű oszlop is van; a profil csak az elsőt olvassa (B oszlop). '
      + 'A(z) „E-mail (2)” oszlop (C) nincs beolvasva: ha kellenek az értékei, a Megfeleltetés lépésben rendelje egy mezőhöz.');
    expect(issueText(one!, tEn, 'en')).toBe('E-mail: The file has more than one column named “E-mail”; the profile reads only the first (column B). '
      + 'The column “E-mail (2)” (C) is not read: map it to a field on the Mapping screen if its values are needed.');
    const five = ['Kód', 'E-mail', 'Név', 'e-mail (2)', 'E-mail (3)'];
    const [two] = compileMapping(oneEmail, five, { columns: columns(five, [3, 4]) }).notes;
    expect(issueText(two!, tEn, 'en')).toBe('E-mail: The file has more than one column named “E-mail”; the profile reads only the first (column B). '
      + 'The columns “e-mail (2), E-mail (3)” (D, E) are not read: map them to a field on the Mapping screen if their values are needed.');
    expect(issueText(two!, t, 'hu')).toContain('A(z) „e-mail (2), E-mail (3)” oszlopok (D, E) nincsenek beolvasva');
  });
});
