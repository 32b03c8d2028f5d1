/** When Save asks before it changes a saved profile, and the name a new profile is offered. */
import { describe, expect, it } from 'vitest';
import type { ProfileV1 } from '../../shared/profile/profile-types';
import { freeName, newProfileName, saveQuestion } from '../../renderer/src/screens/mapping/save-choice';

const webshop: ProfileV1 = {
  format: 'minicrm-sync-profile', version: 2, name: 'Webshop',
  project: { Id: 'Ügyfélkód', Name: 'Cégnév' },
  business: { Phones: [{ column: 'Telefon' }], Addresses: [{ type: 'HQ', City: 'Város' }] },
};
const FILE_A = ['Ügyfélkód', 'Cégnév', 'Telefon', 'Város'];
const FILE_B = ['Ügyfélkód', 'Cégnév', 'Mobil', 'Irányítószám'];

describe('saveQuestion', () => {
  it('a file of the profile\'s own layout (also with more columns), the same name: a plain update', () => {
    expect(saveQuestion({ name: 'Webshop', profile: webshop }, 'Webshop', FILE_A)).toBeNull();
    expect(saveQuestion({ name: 'Webshop', profile: webshop }, 'Webshop', [...FILE_A, 'Megjegyzés'])).toBeNull();
    // Header case and spaces do not make another layout (the engine matches them the same way).
    expect(saveQuestion({ name: 'Webshop', profile: webshop }, 'Webshop', ['ügyfélkód ', 'CÉGNÉV', 'Telefon', 'Város'])).toBeNull();
  });

  it('a file without some of the saved profile\'s columns: asks, naming them as the profile writes them', () => {
    expect(saveQuestion({ name: 'Webshop', profile: webshop }, 'Webshop', FILE_B))
      .toEqual({ storedName: 'Webshop', missing: ['Telefon', 'Város'], renamedTo: null });
  });

  it('another name typed: asks (rename or a new profile), also for the same layout', () => {
    expect(saveQuestion({ name: 'Webshop', profile: webshop }, 'Webshop 2026', FILE_A))
      .toEqual({ storedName: 'Webshop', missing: [], renamedTo: 'Webshop 2026' });
    expect(saveQuestion({ name: 'Webshop', profile: webshop }, 'Új', FILE_B))
      .toEqual({ storedName: 'Webshop', missing: ['Telefon', 'Város'], renamedTo: 'Új' });
  });
});

describe('the name offered for a new profile', () => {
  it('the typed name when it is new, else the file\'s name, never one already saved', () => {
    expect(newProfileName('Webshop B', 'Webshop', 'uj-export.csv', ['Webshop'])).toBe('Webshop B');
    expect(newProfileName('Webshop', 'Webshop', 'uj-export.csv', ['Webshop'])).toBe('uj-export');
    expect(newProfileName('Webshop', 'Webshop', 'uj-export.xlsx', ['Webshop', 'uj-export'])).toBe('uj-export (2)');
    expect(newProfileName('  ', null, '', [])).toBe('');
    // A mapping of no saved profile keeps its own name, made free.
    expect(newProfileName('Webshop', null, 'webshop.csv', ['Webshop'])).toBe('Webshop (2)');
  });

  it('freeName counts up past every taken name', () => {
    expect(freeName('A', [])).toBe('A');
    expect(freeName('A', ['A', 'A (2)', 'A (3)'])).toBe('A (4)');
    // The names main counts as taken: case and spaces do not make another name.
    expect(freeName('webshop', ['Webshop', 'WEBSHOP  (2)'])).toBe('webshop (3)');
  });
});
