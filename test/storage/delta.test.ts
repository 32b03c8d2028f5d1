import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/services/db/database';
import { fieldChanges, flattenProject, mergeFields, packProject, prepareProject, unpackProject } from '../../electron/services/delta/index';
import { ProjectOutput, type OutputMode } from '../../electron/services/engine/project-output';
import type { AppDatabase } from '../../electron/services/db/database';
import { emptyProject, type FeedProject } from '../../shared/domain/project';
import { namedProject, seedProject } from './seed-project';
import { useTempDir } from './temp-dir';

const project = namedProject;
const projectHash = (p: FeedProject): string => prepareProject(p).hash;

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
    expect(flattenProject(unpackProject(packProject(seedProject())))).toEqual(flattenProject(seedProject()));
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

describe('field by field, as MiniCRM keeps a card', () => {
  it('lists the fields the feed carries that differ, before -> after; a field it leaves out is no change', () => {
    const before = { ...emptyProject('1'), fields: { Name: 'A' }, custom: [['Enum1', 'x']] as Array<[string, string]> };
    before.Business.fields.Name = 'Co';
    const now = { ...emptyProject('1'), fields: { Name: 'B' }, custom: [['Enum1', 'x']] as Array<[string, string]> };
    now.Contacts.push({ fields: { LastName: 'Kiss' }, Emails: [], Phones: [] });
    expect(fieldChanges(before, now)).toEqual([
      { field: 'Name', before: 'A', after: 'B' },
      { field: 'Contacts[0].LastName', before: null, after: 'Kiss' },
    ]);
    expect(fieldChanges(null, project('1', 'N'))).toEqual([{ field: 'Name', before: null, after: 'N' }]);
    expect(fieldChanges(project('1', 'N'), project('1', 'N'))).toEqual([]);
    // A list is one field: carried, it replaces the list (an entry it no longer has is a change).
    const two = seedProject();
    const one = seedProject();
    one.Business.Emails = one.Business.Emails.slice(0, 1);
    expect(fieldChanges(two, one).map((c) => c.field)).toEqual(['Business.Emails[1].Value', 'Business.Emails[1].Type', 'Business.Emails[1].Default']);
  });

  it('keeps every field\'s last delivered value: the fields the feed carries over those it leaves out', () => {
    const before = seedProject();
    const now = { ...emptyProject('123456'), fields: { Name: 'Renamed' } };
    const merged = mergeFields(before, now);
    expect(merged.fields).toEqual({ ...before.fields, Name: 'Renamed' });
    expect(merged.Business).toEqual(before.Business);
    expect(merged.Contacts).toEqual(before.Contacts);
    expect(fieldChanges(merged, now)).toEqual([]);
  });
});

/** One batch through the output the reading threads use, staged for `runId` like a build does. */
function classify(app: AppDatabase, mode: OutputMode, projects: FeedProject[], runId?: number, previewLimit?: number) {
  const out = new ProjectOutput(mode, app.delivered, previewLimit);
  out.add(projects);
  const o = out.finish();
  if (runId !== undefined && o.staged) app.runs.stageEncoded(runId, o.stagedCount, o.staged);
  return o;
}

const written = (o: { xml: Uint8Array | null }): string[] =>
  [...Buffer.from(o.xml ?? new Uint8Array()).toString('utf8').matchAll(/<Project Id="([^"]*)">/g)].map((m) => m[1]!);

describe('classifying against the delivered state (ProjectOutput)', () => {
  const tempDir = useTempDir();

  it('classifies against delivered, stages what delivery will make of it, and only markDelivered advances the baseline', () => {
    const app = openDatabase(path.join(tempDir(), 'h.sqlite'));
    const first = [project('1', 'One'), project('2', 'Two'), project('3', 'Three')];

    const run1 = app.runs.create({ kind: 'sync', mode: 'changed' });
    const o1 = classify(app, 'changed', first, run1);
    expect(o1).toMatchObject({ counts: { new: 3, changed: 0, unchanged: 0 }, added: [{ id: '1', name: 'One' }, { id: '2' }, { id: '3' }], written: 3 });
    expect(app.runs.stagedCount(run1)).toBe(3);
    // Built but not delivered: a second classification still sees everything as new.
    expect(classify(app, 'preview', first).counts).toEqual({ new: 3, changed: 0, unchanged: 0 });
    app.delivered.markDelivered(run1);

    const second = [project('1', 'One'), project('2', 'Two!'), project('4', 'Four')];
    const run2 = app.runs.create({ kind: 'sync', mode: 'changed' });
    const o2 = classify(app, 'changed', second, run2);
    expect(o2.counts).toEqual({ new: 1, changed: 1, unchanged: 1 });
    expect(written(o2)).toEqual(['4', '2']);
    expect(o2.stagedCount).toBe(2);
    expect(o2.changed).toEqual([{ id: '2', name: 'Two!', changes: [{ field: 'Name', before: 'Two', after: 'Two!' }] }]);
    expect(o2.added).toEqual([{ id: '4', name: 'Four' }]);
    expect(flattenProject(unpackProject(app.delivered.get('2')!.packed))).toEqual({ Name: 'Two' });
    app.delivered.markDelivered(run2);
    expect(flattenProject(unpackProject(app.delivered.get('2')!.packed))).toEqual({ Name: 'Two!' });
    expect(app.delivered.count()).toBe(4);

    // Nothing changed since: nothing to write. Full mode writes everything anyway.
    expect(classify(app, 'changed', second).written).toBe(0);
    const full = classify(app, 'full', second);
    expect(full.counts).toEqual({ new: 0, changed: 0, unchanged: 3 });
    expect(written(full)).toEqual(['1', '2', '4']);
    app.close();
  });

  it('a column no longer mapped is no change, and the delivered state keeps its last value', () => {
    const app = openDatabase(path.join(tempDir(), 'h.sqlite'));
    const withStatus = (id: string, name: string, status?: string): FeedProject => ({ ...project(id, name), fields: { Name: name, ...(status ? { StatusId: status } : {}) } });
    const run1 = app.runs.create({ kind: 'sync' });
    classify(app, 'changed', [withStatus('1', 'One', 'Won'), withStatus('2', 'Two', 'Lost')], run1);
    app.delivered.markDelivered(run1);
    // The same file mapped without the status column: nothing changed in MiniCRM's eyes.
    expect(classify(app, 'preview', [withStatus('1', 'One'), withStatus('2', 'Two')]).counts).toEqual({ new: 0, changed: 0, unchanged: 2 });
    // A real change is staged over what MiniCRM holds: the status it was not sent stays.
    const run2 = app.runs.create({ kind: 'sync' });
    const o = classify(app, 'changed', [withStatus('1', 'One!'), withStatus('2', 'Two')], run2);
    expect(o.changed).toEqual([{ id: '1', name: 'One!', changes: [{ field: 'Name', before: 'One', after: 'One!' }] }]);
    app.delivered.markDelivered(run2);
    expect(unpackProject(app.delivered.get('1')!.packed).fields).toEqual({ Name: 'One!', StatusId: 'Won' });
    expect(classify(app, 'preview', [withStatus('1', 'One!', 'Won')]).counts.unchanged).toBe(1);
    app.close();
  });

  it('limits the preview and says it is truncated', () => {
    const app = openDatabase(path.join(tempDir(), 'h.sqlite'));
    const run = app.runs.create({ kind: 'sync' });
    const base = Array.from({ length: 10 }, (_v, i) => project(String(i), `v${i}`));
    classify(app, 'full', base, run);
    app.delivered.markDelivered(run);
    const next = Array.from({ length: 14 }, (_v, i) => project(String(i), `w${i}`));
    const pv = classify(app, 'preview', next, undefined, 3);
    expect(pv.counts).toEqual({ new: 4, changed: 10, unchanged: 0 });
    expect(pv.changed.map((c) => c.id)).toEqual(['0', '1', '2']);
    expect(pv.added.map((a) => a.id)).toEqual(['10', '11', '12']);
    expect(pv.truncated).toBe(true);
    app.close();
  });
});
