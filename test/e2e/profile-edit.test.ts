/** The Mapping screen's profile edits: assign a column to a field, move it, constants, tidy output. */
import { describe, expect, it } from 'vitest';
import { parseProfile } from '../../shared/profile/profile-parse';
import type { ProfileV1 } from '../../shared/profile/profile-types';
import { assignColumn, constantsOf, profileEntries, setConstant, targetsOf } from '../../renderer/src/screens/mapping/profile-edit';

const base: ProfileV1 = {
  format: 'minicrm-sync-profile',
  version: 1,
  name: 'Test',
  project: { Id: 'Azonosító', Name: 'Név', CategoryId: { value: '3' } },
  business: { Emails: [{ column: 'E-mail', split: true, type: 'office' }], Addresses: [{ type: 'Számlázási', City: 'Város' }] },
  contacts: [{ LastName: 'Vezetéknév' }],
};

describe('profile edits', () => {
  it('finds the targets of a column ignoring case and spaces', () => {
    expect(targetsOf(base, ' e-MAIL ')).toEqual(['business.Emails']);
    expect(targetsOf(base, 'Város')).toEqual(['business.Addresses[0].City']);
    expect(targetsOf(base, 'Vezetéknév')).toEqual(['contacts[0].LastName']);
  });

  it('moves a column to another field and leaves a valid profile', () => {
    const p = assignColumn(base, 'Név', 'business.Name');
    expect(p.project.Name).toBeUndefined();
    expect(p.business?.Name).toBe('Név');
    expect(() => parseProfile(JSON.parse(JSON.stringify(p)))).not.toThrow();
    expect(base.project.Name).toBe('Név'); // the input is not mutated
  });

  it('takes a scalar field away from the column that had it', () => {
    const p = assignColumn(base, 'Cégnév', 'project.Name');
    expect(p.project.Name).toBe('Cégnév');
    expect(targetsOf(p, 'Név')).toEqual([]);
  });

  it('adds list entries, keeps their options when moving between lists, and removes empty containers', () => {
    let p = assignColumn(base, 'Mobil', 'contacts[1].Phones');
    expect(p.contacts?.[1]?.Phones).toEqual([{ split: true, column: 'Mobil' }]);
    p = assignColumn(p, 'E-mail', 'contacts[0].Emails');
    expect(p.business?.Emails).toBeUndefined();
    expect(p.contacts?.[0]?.Emails).toEqual([{ column: 'E-mail', split: true, type: 'office' }]);
    p = assignColumn(p, 'Mobil', null);
    expect(p.contacts).toHaveLength(1);
    p = assignColumn(p, 'Város', null);
    expect(p.business?.Addresses).toBeUndefined();
    expect(() => parseProfile(JSON.parse(JSON.stringify(p)))).not.toThrow();
  });

  it('maps custom fields by API name', () => {
    const p = assignColumn(base, 'Megjegyzés', 'custom.Note2');
    expect(p.custom).toEqual({ Note2: 'Megjegyzés' });
    expect(profileEntries(p).map((e) => e.target)).toContain('custom.Note2');
  });

  it('sets, changes and removes constants', () => {
    expect(constantsOf(base)).toEqual([{ target: 'project.CategoryId', value: '3' }]);
    let p = setConstant(base, 'project.StatusId', 'Új');
    p = setConstant(p, 'project.CategoryId', '7');
    expect(constantsOf(p)).toEqual([{ target: 'project.StatusId', value: 'Új' }, { target: 'project.CategoryId', value: '7' }]);
    p = setConstant(p, 'project.StatusId', null);
    expect(p.project.StatusId).toBeUndefined();
    expect(() => parseProfile(JSON.parse(JSON.stringify(p)))).not.toThrow();
  });
});
