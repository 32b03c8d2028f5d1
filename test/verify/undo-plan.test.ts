import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flattenProject } from '../../electron/services/delta/index';
import { unflattenProject } from '../../electron/services/verify/flat-project';
import { planCard } from '../../electron/services/verify/undo-plan';
import { projectArb } from '../storage/project-arb';

describe('unflattenProject', () => {
  it('is the inverse of flattenProject on any project', () => {
    fc.assert(fc.property(projectArb(true), (p) => {
      const flat = flattenProject(p);
      expect(flattenProject(unflattenProject(p.Id, flat))).toEqual(flat);
    }), { numRuns: 300 });
  });
});

describe('planCard: what an undo puts back for one card', () => {
  const before = { Name: 'A', 'Business.Name': 'A Kft.', 'Business.Emails[0].Value': 'a@a.hu' };
  const sent = { Name: 'B', 'Business.Name': 'B Kft.', 'Business.Emails[0].Value': 'a@a.hu', 'Business.Emails[0].Type': 'office', Enum1221: 'Gold' };

  it('puts back what the run overwrote, a list as a whole; lists what was empty before', () => {
    const p = planCard('P-1', sent, before, sent);
    const { 'Business.Emails[0].Type': _type, ...rest } = sent;
    expect(p.restored).toEqual({ ...rest, Name: 'A', 'Business.Name': 'A Kft.' });
    expect(p.changes).toEqual([
      { field: 'Name', before: 'B', after: 'A' },
      { field: 'Business.Name', before: 'B Kft.', after: 'A Kft.' },
      { field: 'Business.Emails[0].Type', before: 'office', after: null },
    ]);
    expect(p.notes).toEqual([{ kind: 'empty-before', projectId: 'P-1', field: 'Enum1221', runValue: 'Gold', now: 'Gold' }]);
  });

  it('leaves alone a field a later sync changed again, and puts back the others', () => {
    const now = { ...sent, Name: 'C' };
    const p = planCard('P-1', sent, before, now);
    expect(p.restored!.Name).toBe('C');
    expect(p.restored!['Business.Name']).toBe('A Kft.');
    expect(p.changes.map((c) => c.field)).toEqual(['Business.Name', 'Business.Emails[0].Type']);
    expect(p.notes[0]).toEqual({ kind: 'changed-since', projectId: 'P-1', field: 'Name', runValue: 'B', now: 'C' });
  });

  it('a list the run replaced comes back whole; one changed since, or empty before, is listed as a whole', () => {
    const b = { 'Contacts[0].LastName': 'Kiss', 'Contacts[1].LastName': 'Nagy' };
    const s = { 'Contacts[0].LastName': 'Tóth' };
    const back = planCard('P-2', s, b, s);
    expect(back.restored).toEqual(b);
    expect(back.changes).toEqual([
      { field: 'Contacts[0].LastName', before: 'Tóth', after: 'Kiss' },
      { field: 'Contacts[1].LastName', before: null, after: 'Nagy' },
    ]);
    const since = planCard('P-2', s, b, { 'Contacts[0].LastName': 'Szabó' });
    expect(since.notes).toEqual([{ kind: 'changed-since', projectId: 'P-2', field: 'Contacts', runValue: 'Tóth', now: 'Szabó' }]);
    expect(planCard('P-2', s, {}, s).notes).toEqual([{ kind: 'empty-before', projectId: 'P-2', field: 'Contacts', runValue: 'Tóth', now: 'Tóth' }]);
  });

  it('nothing to put back when every field changed since', () => {
    const p = planCard('P-1', { Name: 'B' }, { Name: 'A' }, { Name: 'A' });
    expect(p).toEqual({ restored: null, changes: [], notes: [{ kind: 'changed-since', projectId: 'P-1', field: 'Name', runValue: 'B', now: 'A' }] });
  });
});
