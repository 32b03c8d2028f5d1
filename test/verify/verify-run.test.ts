/**
 * The check in MiniCRM against real servers: runs are delivered through the real publish path
 * (nginx WebDAV + the MiniCRM stand-in), then read back through R3 and compared.
 */
import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../shared/domain/errors';
import type { JobContext } from '../../shared/domain/job';
import { silentJobContext } from '../../shared/domain/job';
import { checkConnection } from '../../electron/services/publish/preflight';
import { startVerification, verifyRun } from '../../electron/services/verify/verify-run';
import { card, useVerifyWorld } from './verify-helpers';

const w = useVerifyWorld('777', 'verify-key-31');
const deps = () => w.deps();
const deliver: typeof w.deliver = (p) => w.deliver(p);

function onStage(stage: string, fn: (signal: AbortController) => void): JobContext & { stages: string[] } {
  const controller = new AbortController();
  const stages: string[] = [];
  return {
    signal: controller.signal, stages,
    progress: (s) => {
      if (stages.at(-1) !== s) stages.push(s);
      if (s === stage) fn(controller);
    },
  };
}

describe('check in MiniCRM (R3 reads of what the stand-in imported)', () => {
  it('every card of a small run matches, knowing MiniCRM\'s phones, dates, labels and trimming', async () => {
    w.standin.rewritePhones(true);
    const runId = await deliver([card('V-1', 'Alfa'), card('V-2', 'Béta', { enumValue: '2', phone: '06 1 234 5678' }), card('V-3', 'Gamma')]);
    // What the stand-in shows differs in form from what was sent, but not in value.
    expect(w.standin.projects.get('V-1')?.['Business.Phones.Phone[0].Value']).toBe('06307654321');
    const id = startVerification(w.db, runId);
    const r = await verifyRun(w.db, id, { waitsMs: [0] }, deps(), silentJobContext());
    expect(r.state).toBe('done');
    expect(r.counts).toEqual({ match: 3, differs: 0, missing: 0, notComparable: 0, pending: 0 });
    expect(r.checked).toBe(3);
    expect(r.sampleSize).toBe(0);
    const v1 = r.cards.find((c) => c.projectId === 'V-1')!;
    expect(v1.minicrmId).toMatch(/^\d+$/);
    // Contacts are not read back through R3: listed as not comparable, never as matching.
    expect(v1.fields).toEqual([
      { field: 'Contacts[0].FirstName', outcome: 'not-comparable', sent: 'Éva', found: null, reason: 'not-read' },
      { field: 'Contacts[0].LastName', outcome: 'not-comparable', sent: 'Kiss', found: null, reason: 'not-read' },
    ]);
    expect(v1.matched).toBeGreaterThanOrEqual(10);
    expect(r.uncompared).toBe(6);
    expect(w.standin.r3Reads.filter((x) => x.startsWith('Project?ReferenceId='))).toEqual(expect.arrayContaining(['Project?ReferenceId=V-1', 'Project?ReferenceId=V-2', 'Project?ReferenceId=V-3']));
    expect(w.db.verifications.latestFor([runId]).get(runId)?.counts.match).toBe(3);
  });

  it('a field MiniCRM lost is "differs" with the field, what was sent and what MiniCRM holds', async () => {
    await deliver([card('L-1', 'Első'), card('L-2', 'Második')]);
    w.standin.loseFields(['Enum1221']);
    const runId = await deliver([card('L-1', 'Első v2', { enumValue: 'Silver' }), card('L-2', 'Második', { enumValue: 'Silver' })]);
    const r = await verifyRun(w.db, startVerification(w.db, runId), { waitsMs: [0] }, deps(), silentJobContext());
    expect(r.counts).toMatchObject({ match: 0, differs: 1, missing: 1 });
    const l1 = r.cards.find((c) => c.projectId === 'L-1')!;
    expect(l1.fields.filter((f) => f.outcome === 'differs')).toEqual([{ field: 'Enum1221', outcome: 'differs', sent: 'Silver', found: 'Gold' }]);
    // L-2 only had the lost field changed: MiniCRM shows it as before the run, which cannot be told
    // apart from an import still to come; the check ends saying it still holds the old values.
    expect(r.cards.find((c) => c.projectId === 'L-2')).toMatchObject({ status: 'missing', note: 'old-values' });
  });

  it('while MiniCRM has not imported yet the cards are "not there yet"; the next pass finds them', async () => {
    w.standin.holdImports(true);
    const runId = await deliver([card('D-1', 'Delta'), card('D-2', 'Epszilon')]);
    const id = startVerification(w.db, runId);
    let firstPass: ReturnType<typeof w.db.verifications.get> = null;
    const ctx = onStage('waiting', () => {
      firstPass ??= w.db.verifications.get(id);
      w.standin.releaseImports();
    });
    const r = await verifyRun(w.db, id, { waitsMs: [0, 200, 200] }, deps(), ctx);
    expect(firstPass!.cards.map((c) => c.status)).toEqual(['pending', 'pending']);
    expect(firstPass!.nextTryAt).not.toBeNull();
    expect(r.counts.match).toBe(2);
    expect(r.attempt).toBe(2);
    expect(ctx.stages).toEqual(['verifying', 'waiting', 'verifying']);
  });

  it('a changed card still holding its old values is waited for too, and "not there yet" when the schedule ends', async () => {
    await deliver([card('O-1', 'Régi')]);
    w.standin.holdImports(true);
    const runId = await deliver([card('O-1', 'Új')]);
    const r = await verifyRun(w.db, startVerification(w.db, runId), { waitsMs: [0, 50] }, deps(), silentJobContext());
    expect(r.cards[0]).toMatchObject({ status: 'missing', note: 'old-values' });
    expect(r.cards[0]!.fields.filter((f) => f.outcome === 'differs')).toEqual([
      { field: 'Name', outcome: 'differs', sent: 'Új', found: 'Régi' },
      { field: 'Business.Name', outcome: 'differs', sent: 'Új Kft.', found: 'Régi Kft.' },
    ]);
    expect(r.counts.missing).toBe(1);
  });

  /** A card renamed by a run whose import MiniCRM makes after the card's own read and before its company's. */
  async function checkHalfway(id: string, waitsMs: number[]) {
    await deliver([card(id, 'Régi')]);
    w.standin.holdImports(true);
    const runId = await deliver([card(id, 'Új')]);
    w.standin.onR3Read = (read) => {
      if (read.startsWith('Contact/')) w.standin.releaseImports();
    };
    try {
      return await verifyRun(w.db, startVerification(w.db, runId), { waitsMs }, deps(), silentJobContext());
    } finally {
      w.standin.onR3Read = null;
    }
  }

  it('a card MiniCRM imports between the read of the card and of its company is read again, not called "differs"', async () => {
    const r = await checkHalfway('H-1', [0, 50]);
    expect(r.cards[0]).toMatchObject({ status: 'match', note: null });
    expect(r.attempt).toBe(2);
  });

  it('a card seen part-new on the last try differs: no try is left to see the rest arrive', async () => {
    const r = await checkHalfway('H-2', [0]);
    expect(r.cards[0]).toMatchObject({ status: 'differs' });
    expect(r.cards[0]!.fields.filter((f) => f.outcome === 'differs')).toEqual([{ field: 'Name', outcome: 'differs', sent: 'Új', found: 'Régi' }]);
  });

  it('cancelled while waiting: stored as cancelled with the cards checked so far', async () => {
    w.standin.holdImports(true);
    const runId = await deliver([card('C-1', 'Zéta')]);
    const id = startVerification(w.db, runId);
    const ctx = onStage('waiting', (c) => c.abort());
    await expect(verifyRun(w.db, id, { waitsMs: [0, 60_000] }, deps(), ctx)).rejects.toBeInstanceOf(CancelledError);
    const r = w.db.verifications.get(id)!;
    expect(r).toMatchObject({ state: 'cancelled', problem: { code: 'verify-cancelled' }, nextTryAt: null });
    expect(r.cards[0]!.checkedAt).not.toBeNull();
  });

  it('a big run: a random sample plus the picked cards, and one limiter shared with every R3 caller', async () => {
    const projects = Array.from({ length: 120 }, (_v, i) => card(`S-${i}`, `Kártya ${i}`));
    const runId = await deliver(projects);
    await expect(verifyRun(w.db, startVerification(w.db, runId), { picks: ['S-1', 'nope'] }, deps(), silentJobContext()))
      .rejects.toMatchObject({ code: 'verify-unknown-cards', params: { ids: 'nope' } });
    // The last minute already holds 58 R3 calls (a connection test, schema downloads …).
    const t0 = Date.now();
    for (let i = 0; i < 58; i++) w.db.apiCalls.record('r3', new Date(t0 - 59_000 + i * 10));
    const before = w.standin.r3Reads.length;
    const r = await verifyRun(w.db, startVerification(w.db, runId), { sampleSize: 5, picks: ['S-119'], waitsMs: [0] }, deps(), silentJobContext());
    expect(r.checked).toBe(6);
    expect(r.sampleSize).toBe(5);
    expect(r.sent).toBe(120);
    expect(r.cards.filter((c) => c.picked).map((c) => c.projectId)).toEqual(['S-119']);
    expect(new Set(r.cards.map((c) => c.projectId)).size).toBe(6);
    expect(r.counts.match).toBe(6);
    expect(w.standin.r3Reads.length - before).toBe(18);
    // Never more than 60 in any minute: the check waited for the old calls to age out.
    expect(Date.now() - t0).toBeGreaterThan(900);
    const times = w.db.db.prepare<[], { at: string }>("SELECT at FROM api_calls WHERE kind = 'r3' ORDER BY at").all().map((x) => Date.parse(x.at));
    for (let i = 0; i < times.length; i++) expect(times.filter((t) => t >= times[i]! && t < times[i]! + 60_000).length).toBeLessThanOrEqual(60);
  });

  it('the connection test takes its R3 request from the same limiter', async () => {
    const since = new Date(Date.now() - 60_000);
    const before = w.db.apiCalls.countSince('r3', since);
    const r = await checkConnection(w.settings(), w.deps().secrets, { hostKeys: w.db.hostKeys, apiCalls: w.db.apiCalls });
    expect(r.parts[0]).toMatchObject({ part: 'minicrm', ok: true });
    expect(w.db.apiCalls.countSince('r3', since)).toBe(before + 1);
  });
});
