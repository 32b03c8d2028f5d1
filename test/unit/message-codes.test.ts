/**
 * Every code main can send has a sentence in both languages (the type system enforces the keys;
 * this checks the texts: not empty, really translated, the same placeholders), and codeText turns
 * a code + params into the user's language — falling back to main's sentence for old history rows.
 */
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { MESSAGE_CODES, SETTING_NAMES } from '../../shared/domain/message-codes';
import { codeText } from '../../renderer/src/components/error-text';
import { errorView } from '../../renderer/src/components/error-message';
import { en } from '../../renderer/src/i18n/en';
import { hu } from '../../renderer/src/i18n/hu';

const placeholders = (s: string): string[] => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!).sort();
const table = (m: typeof en | typeof hu): Record<string, string> => m.errors as unknown as Record<string, string>;

describe('message codes in the language files', () => {
  it('every code has a Hungarian and an English sentence with the same placeholders', () => {
    for (const code of MESSAGE_CODES) {
      const e = table(en)[code];
      const h = table(hu)[code];
      expect(e, `en ${code}`).toBeTruthy();
      expect(h, `hu ${code}`).toBeTruthy();
      expect(placeholders(h!), code).toEqual(placeholders(e!));
    }
  });

  it('the Hungarian sentences are really translated', () => {
    const same = MESSAGE_CODES.filter((c) => table(en)[c] === table(hu)[c]);
    expect(same).toEqual([]);
  });

  it('codes are unique and every setting name has both labels', () => {
    expect(new Set(MESSAGE_CODES).size).toBe(MESSAGE_CODES.length);
    for (const s of SETTING_NAMES) {
      expect(en.settingNames[s]).toBeTruthy();
      expect(hu.settingNames[s]).not.toBe(en.settingNames[s]);
    }
  });
});

describe('codeText', () => {
  let t: TFunction;
  beforeAll(async () => {
    const i = i18next.createInstance();
    await i.init({ lng: 'hu', resources: { en: { translation: en }, hu: { translation: hu } }, interpolation: { escapeValue: false } });
    t = i.t;
  });

  it('translates the code with its params, including setting names and run statuses', () => {
    expect(codeText('sync-refused', 'MiniCRM did not accept the feed (HTTP 500): xml is not valid!', { status: 500 }, t))
      .toBe('A MiniCRM nem fogadta el a fájlt. Semmit nem jelöltünk elküldöttnek.');
    expect(codeText('setting-missing', 'The MiniCRM API key is not set (secret "minicrm.apiKey").', { setting: 'apiKey' }, t))
      .toBe('Hiányzik egy beállítás: „API-kulcs”. Adja meg a Beállítások képernyőn.');
    expect(codeText('run-not-waiting', 'Run 3 is not waiting …', { id: 3, runStatus: 'delivered' }, t)).toContain('„Elküldve”');
  });

  it('keeps the HTTP code and a third party\'s own words verbatim under Details, out of the sentence', () => {
    const v = errorView({ code: 'remote-error', message: 'MiniCRM answered HTTP 400: Hibás kérés', params: { status: 400, detail: 'Hibás kérés' } }, 'minicrm', null, t);
    expect(v.text).toBe('A szerver nem fogadta el a kérést. A válasza a Részletek alatt látható.');
    expect(v.details).toEqual(['HTTP-válasz: 400', 'A szerver válasza: Hibás kérés', 'Kód: remote-error']);
  });

  it('MiniCRM failing (5xx) says to try again in a few minutes; a refused upload password names the server and the field', () => {
    expect(errorView({ code: 'sync-refused', message: 'x', params: { status: 502 } }, 'minicrm', null, t).text)
      .toBe('A MiniCRM-nél hiba történt; semmit nem jelöltünk elküldöttnek; próbálja újra néhány perc múlva.');
    const sftp = { systemId: '1', apiBaseUrl: '', publicUrl: '', downloadUser: null, upload: { kind: 'sftp' as const, host: 'sftp.example.hu', port: 22, user: 'u', auth: 'password' as const, privateKeyPath: null, remoteFolder: '/f' } };
    const v = errorView({ code: 'auth-failed', message: 'x', params: { user: 'u' } }, 'upload', sftp, t);
    expect(v).toMatchObject({ text: 'A(z) sftp.example.hu nem fogadta el a megadott adatot: SFTP-jelszó.', setting: 'sftpPassword' });
  });

  it('a missing param shows as nothing, never as {{placeholder}}', () => {
    expect(codeText('sheet-not-found', 'x', {}, t)).toBe('A(z) „” munkalap nincs ebben a fájlban.');
  });

  it('an old history row without a code keeps main\'s sentence', () => {
    expect(codeText(null, 'Old English reason.', null, t)).toBe('Old English reason.');
    expect(codeText('no-such-code', 'Old English reason.', {}, t, true)).toBe('Hiba történt: Old English reason.');
  });
});
