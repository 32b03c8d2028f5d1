/**
 * Undo a sync against real servers: sync A, then B, then undo B -> MiniCRM (the stand-in) holds
 * A's values again, the cards B created are listed; undo after a later change puts back only the
 * fields still holding the undone run's values.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentJobContext } from '../../shared/domain/job';
import { noteLines, writeSheet } from '../../electron/services/verify/report-export';
import { checkRestoreCurrent, prepareRestore } from '../../electron/services/verify/undo-run';
import { card, publish, useVerifyWorld } from './verify-helpers';

const w = useVerifyWorld('778', 'undo-key-52');
const outDir = () => join(w.tmp.dir, 'feeds');

describe('undo a sync (restore feed through the same publish path)', () => {
  it('sync A, then B, then undo B: MiniCRM holds A\'s values again; the cards B created are listed', async () => {
    await w.deliver([card('U-1', 'Alma', { enumValue: 'Gold' }), card('U-2', 'Körte')]);
    const b = await w.deliver([card('U-1', 'Alma 2', { enumValue: 'Silver' }), card('U-2', 'Körte'), card('U-3', 'Szilva')]);
    expect(w.standin.projects.get('U-1')).toMatchObject({ Name: 'Alma 2', Enum1221: 'Silver' });

    const dry = await prepareRestore(w.db, b, { outDir: outDir(), dryRun: true }, silentJobContext());
    expect(dry.summary.counts).toEqual({ cards: 1, fields: 3, created: 1, emptyBefore: 0, changedSince: 0 });
    expect(w.db.runs.list().filter((r) => r.kind === 'restore')).toEqual([]);

    const { summary, feedPath } = await prepareRestore(w.db, b, { outDir: outDir() }, silentJobContext());
    expect(summary.counts).toEqual(dry.summary.counts);
    expect(summary.changes).toEqual([{ id: 'U-1', changes: [
      { field: 'Name', before: 'Alma 2', after: 'Alma' },
      { field: 'Enum1221', before: 'Silver', after: 'Gold' },
      { field: 'Business.Name', before: 'Alma 2 Kft.', after: 'Alma Kft.' },
    ] }]);
    expect(summary.notes).toEqual([{ kind: 'created', projectId: 'U-3', field: null, runValue: null, now: null }]);
    const restore = w.db.runs.getRecord(summary.runId)!;
    expect(restore).toMatchObject({ kind: 'restore', status: 'built', counts: { written: 1 } });
    expect(w.db.restores.undoes(summary.runId)).toBe(b);
    expect(w.db.restores.undoneBy(b)).toEqual([summary.runId]);
    // The feed puts back the whole card as it is now, with the old values.
    const xml = readFileSync(feedPath!, 'utf8');
    expect(xml).toContain('<Project Id="U-1">');
    expect(xml).toContain('<Name>Alma</Name>');
    expect(xml).not.toContain('U-2');

    await publish(w, summary.runId);
    expect(w.standin.projects.get('U-1')).toMatchObject({ Name: 'Alma', Enum1221: 'Gold', 'Business.Name': 'Alma Kft.' });
    // The baseline moved as for any delivered run: the restore can itself be undone.
    expect(w.db.delivered.get('U-1')?.runId).toBe(summary.runId);
    expect(w.db.history.get(summary.runId)).toMatchObject({ sent: 1, changed: 1 });

    // The list of what XML cannot undo, for the user to do by hand.
    const file = join(w.tmp.dir, 'kezzel.csv');
    expect(await writeSheet(file, 'csv', 'Undo', noteLines(w.db.restores.notes(summary.runId), b, 'hu'))).toBe(1);
    expect(readFileSync(file, 'utf8')).toBe(`\uFEFFTeendő;Projekt azonosító;Mező;A(z) ${b}. futtatás értéke;Mostani érték\r\n`
      + 'A futtatás hozta létre: ha nem kell, törölje az adatlapot kézzel a MiniCRM-ben;U-3;;;\r\n');
  });

  it('undo after a later change: only the fields still holding the undone run\'s values go back', async () => {
    await w.deliver([card('L-1', 'Első', { enumValue: 'Gold', phone: '+36 1 111 1111' })]);
    const b = await w.deliver([card('L-1', 'Második', { enumValue: 'Silver', phone: '+36 1 222 2222' })]);
    // A later sync changes the name again (the dropdown and the phone still hold B's values).
    await w.deliver([card('L-1', 'Harmadik', { enumValue: 'Silver', phone: '+36 1 222 2222' })]);
    const { summary } = await prepareRestore(w.db, b, { outDir: outDir() }, silentJobContext());
    expect(summary.changes[0]!.changes.map((c) => c.field)).toEqual(['Enum1221', 'Business.Phones[0].Value']);
    expect(summary.notes.map((n) => [n.kind, n.field, n.runValue, n.now])).toEqual([
      ['changed-since', 'Name', 'Második', 'Harmadik'],
      ['changed-since', 'Business.Name', 'Második Kft.', 'Harmadik Kft.'],
    ]);
    await publish(w, summary.runId);
    expect(w.standin.projects.get('L-1')).toMatchObject({ Name: 'Harmadik', Enum1221: 'Gold', 'Business.Phones.Phone[0].Value': '+36 1 111 1111' });
  });

  it('values the run filled in that were empty before cannot be emptied by a feed: listed; runs not delivered are refused', async () => {
    const a = card('E-1', 'Egy');
    a.custom = a.custom.filter(([k]) => k !== 'Enum1221');
    await w.deliver([a]);
    const b = await w.deliver([card('E-1', 'Egy')]);
    const { summary } = await prepareRestore(w.db, b, { outDir: outDir() }, silentJobContext());
    expect(summary.counts).toMatchObject({ cards: 0, emptyBefore: 1 });
    expect(summary.notes).toEqual([{ kind: 'empty-before', projectId: 'E-1', field: 'Enum1221', runValue: 'Gold', now: 'Gold' }]);
    // Nothing to put back: no feed, nothing to send.
    expect(w.db.runs.getRecord(summary.runId)).toMatchObject({ status: 'built', feedPath: null });
    await expect(prepareRestore(w.db, summary.runId, { outDir: outDir() }, silentJobContext())).rejects.toMatchObject({ code: 'run-not-delivered' });
    // A sync delivered after a restore was worked out makes it outdated: it would undo that sync's values too.
    expect(() => checkRestoreCurrent(w.db, summary)).not.toThrow();
    const later = await w.deliver([card('E-2', 'Kettő')]);
    expect(() => checkRestoreCurrent(w.db, summary)).toThrow(expect.objectContaining({ code: 'restore-outdated', params: { id: summary.runId, run: later } }));
  });
});
