import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/services/db/database';
import { DeltaClassifier } from '../../electron/services/delta/delta-classifier';
import { diffFlat } from '../../electron/services/delta/diff';
import { flattenProject, flattenStored, packProject, prepareProject, projectHash, unpackProject } from '../../electron/services/delta/project-hash';
import { emptyProject, type FeedProject } from '../../shared/domain/project';
import { seedProject } from './seed-project';
import { useTempDir } from './temp-dir';

const project = (id: string, name: string): FeedProject => {
  const p = emptyProject(id);
  p.fields.Name = name;
  return p;
};

describe('flattenProject / projectHash', () => {
  it('flattens to feed paths, leaving out what the feed leaves out', () => {
    const p = seedProject();
    p.custom.push(['Enum1221', 'Gold'], ['Empty', '']);
    p.Contacts.unshift({ fields: {}, Emails: [{ Value: '' }], Phones: [] });
    const flat = flattenProject(p);
    expect(flat.Name).toBe('Name of example opportunity card');
    expect(flat.Enum1221).toBe('Gold');
    expect(flat.Empty).toBeUndefined();
    expect(flat['Business.Emails[1].Value']).toBe('Officecompanyname@mc.local');
    expect(flat['Business.Emails[1].Default']).toBe('1');
    expect(flat['Business.Addresses[1].City']).toBe('Győr');
    // The empty contact is not in the feed, so the first real one is Contacts[0].
    expect(flat['Contacts[0].LastName']).toBe('Last name');
    expect(flat['Contacts[1].Phones[0].Value']).toBe('+44 161 496 0003 +44 161 496 0480');
    // 4 project + 1 custom + 10 business + 12 e-mail/phone + 8 address + 6 + 5 contact values.
    expect(Object.keys(flat)).toHaveLength(46);
  });

  it('hashes stably: equal content equal hash, any field change a new hash, custom order irrelevant', () => {
    const h = projectHash(seedProject());
    expect(h).toMatch(/^[0-9a-f]{40}$/);
    expect(projectHash(seedProject())).toBe(h);
    const changed = seedProject();
    changed.Contacts[1]!.fields.LastName = 'Other';
    expect(projectHash(changed)).not.toBe(h);
    const a = seedProject();
    a.custom.push(['B', '1'], ['A', '2']);
    const b = seedProject();
    b.custom.push(['A', '2'], ['B', '1']);
    expect(projectHash(a)).toBe(projectHash(b));
    // Moving a value between fields is a change even though the multiset of values is equal.
    expect(projectHash(project('1', 'x'))).not.toBe(projectHash({ ...emptyProject('1'), fields: { StatusId: 'x' } }));
    expect(prepareProject(seedProject())).toEqual({ id: '123456', hash: h, packed: packProject(seedProject()) });
    expect(flattenStored(packProject(seedProject()))).toEqual(flattenProject(seedProject()));
  });

  it('packs two custom fields (the fast path) exactly like any other number of them', () => {
    const values = ['', 'x', 'y'];
    for (const [n1, n2] of [['A', 'B'], ['B', 'A'], ['A', 'A']]) {
      for (const v1 of values) {
        for (const v2 of values) {
          const two = { ...emptyProject('1'), custom: [[n1!, v1], [n2!, v2]] as Array<[string, string]> };
          // A third, empty field sends the same fields through the general path.
          const three = { ...two, custom: [...two.custom, ['Zzz', ''] as [string, string]] };
          expect(packProject(two), `${n1}=${v1} ${n2}=${v2}`).toBe(packProject(three));
        }
      }
    }
  });

  it('refuses damaged stored values instead of misreading them', () => {
    const good = packProject(seedProject());
    expect(unpackProject(good).Id).toBe('123456');
    for (const bad of ['', good.slice(0, -1), `${good}]`, good.replace('6:123456', '7:123456'), '[x:1]', '[3:abc']) {
      expect(() => unpackProject(bad)).toThrow(/damaged/);
    }
  });
});

describe('diffFlat', () => {
  it('lists changed, removed and added fields with before -> after', () => {
    expect(diffFlat({ Name: 'A', 'Business.Name': 'Co', Enum1: 'x' }, { Name: 'B', Enum1: 'x', 'Contacts[0].LastName': 'Kiss' })).toEqual([
      { field: 'Name', before: 'A', after: 'B' },
      { field: 'Business.Name', before: 'Co', after: null },
      { field: 'Contacts[0].LastName', before: null, after: 'Kiss' },
    ]);
    expect(diffFlat(null, { Name: 'N' })).toEqual([{ field: 'Name', before: null, after: 'N' }]);
    expect(diffFlat({ Name: 'N' }, { Name: 'N' })).toEqual([]);
  });
});

describe('DeltaClassifier', () => {
  const tempDir = useTempDir();

  it('classifies against delivered, stages what the feed holds, and only markDelivered advances the baseline', () => {
    const app = openDatabase(path.join(tempDir(), 'h.sqlite'));
    const first = [project('1', 'One'), project('2', 'Two'), project('3', 'Three')];

    const run1 = app.runs.create({ kind: 'sync', mode: 'changed' });
    const d1 = new DeltaClassifier(app, { mode: 'changed', runId: run1 });
    expect(d1.classify(first).statuses).toEqual(['new', 'new', 'new']);
    expect(d1.preview()).toMatchObject({ counts: { new: 3, changed: 0, unchanged: 0, rejected: 0 }, added: ['1', '2', '3'] });
    expect(app.runs.stagedCount(run1)).toBe(3);
    // Built but not delivered: a second classification still sees everything as new.
    expect(new DeltaClassifier(app, { mode: 'changed' }).classify(first).statuses).toEqual(['new', 'new', 'new']);
    app.delivered.markDelivered(run1);

    const second = [project('1', 'One'), project('2', 'Two!'), project('4', 'Four')];
    const run2 = app.runs.create({ kind: 'sync', mode: 'changed' });
    const d2 = new DeltaClassifier(app, { mode: 'changed', runId: run2 });
    const batch = d2.classify(second);
    d2.addRejected(2);
    expect(batch.statuses).toEqual(['unchanged', 'changed', 'new']);
    expect(batch.toWrite.map((p) => p.Id)).toEqual(['2', '4']);
    expect(batch.staged.map((s) => s.id)).toEqual(['2', '4']);
    expect(d2.preview()).toEqual({
      counts: { new: 1, changed: 1, unchanged: 1, rejected: 2 },
      changed: [{ id: '2', changes: [{ field: 'Name', before: 'Two', after: 'Two!' }] }],
      added: ['4'],
      truncated: false,
    });
    expect(flattenStored(app.delivered.get('2')!.packed)).toEqual({ Name: 'Two' });
    app.delivered.markDelivered(run2);
    expect(flattenStored(app.delivered.get('2')!.packed)).toEqual({ Name: 'Two!' });
    expect(app.delivered.count()).toBe(4);

    // Nothing changed since: nothing to write. Full mode writes (and stages) everything anyway.
    const again = new DeltaClassifier(app, { mode: 'changed' }).classify(second);
    expect(again.toWrite).toEqual([]);
    const full = new DeltaClassifier(app, { mode: 'full' }).classify(second);
    expect(full.statuses).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(full.toWrite.map((p) => p.Id)).toEqual(['1', '2', '4']);
    app.close();
  });

  it('limits the preview and says it is truncated; accepts precomputed hashes', () => {
    const app = openDatabase(path.join(tempDir(), 'h.sqlite'));
    const run = app.runs.create({ kind: 'sync' });
    const base = Array.from({ length: 10 }, (_v, i) => project(String(i), `v${i}`));
    new DeltaClassifier(app, { mode: 'full', runId: run }).classify(base);
    app.delivered.markDelivered(run);
    const next = Array.from({ length: 14 }, (_v, i) => project(String(i), `w${i}`));
    const d = new DeltaClassifier(app, { mode: 'changed', previewLimit: 3 });
    d.classify(next.slice(0, 7), next.slice(0, 7).map(prepareProject));
    d.classify(next.slice(7));
    const pv = d.preview();
    expect(pv.counts).toEqual({ new: 4, changed: 10, unchanged: 0, rejected: 0 });
    expect(pv.changed.map((c) => c.id)).toEqual(['0', '1', '2']);
    expect(pv.added).toEqual(['10', '11', '12']);
    expect(pv.truncated).toBe(true);
    app.close();
  });
});
