/**
 * Every row issue code has a sentence in both languages (with the same placeholders), and issueText
 * says a left-out value in the words of its own code, the country of a phone number in the UI's language.
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
  beforeAll(async () => {
    const i = i18next.createInstance();
    await i.init({ lng: 'hu', resources: { en: { translation: en }, hu: { translation: hu } }, interpolation: { escapeValue: false } });
    t = i.t;
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
});
