import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flattenProject } from '../../electron/services/delta/project-hash';
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

  it('puts back what the run overwrote; lists what was empty before', () => {
    const p = planCard('P-1', sent, before, sent);
    expect(p.restored).toEqual({ ...sent, Name: 'A', 'Business.Name': 'A Kft.' });
    expect(p.changes).toEqual([{ field: 'Name', before: 'B', after: 'A' }, { field: 'Business.Name', before: 'B Kft.', after: 'A Kft.' }]);
    expect(p.notes).toEqual([
      { kind: 'empty-before', projectId: 'P-1', field: 'Business.Emails[0].Type', runValue: 'office', now: 'office' },
      { kind: 'empty-before', projectId: 'P-1', field: 'Enum1221', runValue: 'Gold', now: 'Gold' },
    ]);
  });

  it('leaves alone a field a later sync changed again, and puts back the others', () => {
    const now = { ...sent, Name: 'C' };
    const p = planCard('P-1', sent, before, now);
    expect(p.restored).toEqual({ ...now, 'Business.Name': 'A Kft.' });
    expect(p.changes).toEqual([{ field: 'Business.Name', before: 'B Kft.', after: 'A Kft.' }]);
    expect(p.notes[0]).toEqual({ kind: 'changed-since', projectId: 'P-1', field: 'Name', runValue: 'B', now: 'C' });
  });

  it('nothing to put back when every field changed since', () => {
    const p = planCard('P-1', { Name: 'B' }, { Name: 'A' }, { Name: 'A' });
    expect(p).toEqual({ restored: null, changes: [], notes: [{ kind: 'changed-since', projectId: 'P-1', field: 'Name', runValue: 'B', now: 'A' }] });
  });
});
