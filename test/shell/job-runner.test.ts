import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultWorkerEntry, JobRunner, type JobEvent } from '../../electron/services/jobs/job-runner';
import { progressThrottle } from '../../electron/services/jobs/job-protocol';

const entry = {
  file: fileURLToPath(new URL('./fixtures/count-worker.ts', import.meta.url)),
  bootstrap: fileURLToPath(new URL('../../electron/services/jobs/ts-worker-bootstrap.mjs', import.meta.url)),
};

let runner: JobRunner | null = null;
afterEach(async () => {
  await runner?.shutdown();
  runner = null;
});

function newRunner(graceMs = 5000) {
  runner = new JobRunner({ env: { dbPath: null }, entry, graceMs, progressIntervalMs: 0 });
  const events: JobEvent[] = [];
  runner.onEvent((e) => events.push(e));
  return { runner, events };
}

describe('JobRunner (real worker threads)', () => {
  it('runs a job off the main thread with progress events and a result passed through finish()', async () => {
    const { runner, events } = newRunner();
    const jobId = runner.start('validate', { n: 5, delayMs: 1 }, { task: 'count', finish: (raw) => ({ wrapped: raw }) });
    const final = await runner.wait(jobId);
    expect(final.state).toBe('done');
    expect(final.result).toEqual({ wrapped: { counted: 5 } });
    const progress = events.filter((e) => e.type === 'progress');
    expect(progress.map((e) => e.type === 'progress' && e.progress.done)).toEqual([1, 2, 3, 4, 5]);
    expect(progress.every((e) => e.type === 'progress' && e.progress.jobId === jobId && e.progress.total === 5)).toBe(true);
    expect(events.at(-1)).toEqual({ type: 'done', jobId, kind: 'validate', result: { wrapped: { counted: 5 } } });
    expect(runner.state(jobId)?.progress?.done).toBe(5);
  });

  it('a worker that exits while finish() is still at work is done, not crashed', async () => {
    const { runner } = newRunner();
    const jobId = runner.start('sync', { n: 1, delayMs: 1 }, {
      task: 'count', finish: async (raw) => { await new Promise((r) => setTimeout(r, 300)); return raw; },
    });
    expect(await runner.wait(jobId)).toMatchObject({ state: 'done', result: { counted: 1 } });
  });

  it('cancel aborts the job through its signal (CancelledError -> cancelled)', async () => {
    const { runner, events } = newRunner();
    const jobId = runner.start('sync', { n: 100_000, delayMs: 2 }, { task: 'count' });
    await new Promise<void>((resolve) => {
      const off = runner.onEvent((e) => {
        if (e.type === 'progress' && e.progress.done >= 3) {
          off();
          resolve();
        }
      });
    });
    expect(runner.cancel(jobId)).toBe(true);
    const final = await runner.wait(jobId);
    expect(final.state).toBe('cancelled');
    expect(events.at(-1)).toEqual({ type: 'cancelled', jobId, kind: 'sync' });
    expect(runner.cancel(jobId)).toBe(false);
  });

  it('terminates a worker that ignores cancel after the grace period', async () => {
    const { runner } = newRunner(200);
    const jobId = runner.start('preview', null, { task: 'stubborn' });
    await new Promise((r) => setTimeout(r, 300));
    runner.cancel(jobId);
    const final = await runner.wait(jobId);
    expect(final.state).toBe('cancelled');
  });

  it('reports unusable input with its code and hides internal errors behind a generic message', async () => {
    const { runner } = newRunner();
    const a = await runner.wait(runner.start('validate', null, { task: 'unusable' }));
    expect(a.state).toBe('failed');
    expect(a.error).toEqual({ code: 'empty-file', message: 'The file is empty.', params: { file: 'a.csv' } });
    const b = await runner.wait(runner.start('validate', null, { task: 'crash' }));
    expect(b.state).toBe('failed');
    expect(b.error?.code).toBe('internal-error');
    expect(JSON.stringify(b.error)).not.toContain('hunter2');
  });
});

describe('worker entry and progress throttle', () => {
  it('uses the bundled worker next to a built main bundle, the .ts source through tsx otherwise', () => {
    const fromSource = defaultWorkerEntry('file:///app/electron/services/jobs/job-runner.ts');
    expect(fromSource.file).toBe('/app/electron/services/jobs/job-worker.ts');
    expect(fromSource.bootstrap).toBe('/app/electron/services/jobs/ts-worker-bootstrap.mjs');
  });

  it('sends stage changes and the last step, drops updates faster than the interval', () => {
    let t = 0;
    const ok = progressThrottle(100, () => t);
    const p = (stage: 'reading' | 'writing', done: number, total: number | null = null) => ({ stage, done, total, unit: 'rows' as const });
    expect(ok(p('reading', 1))).toBe(true);
    t = 50;
    expect(ok(p('reading', 2))).toBe(false);
    expect(ok(p('writing', 3))).toBe(true);
    t = 60;
    expect(ok(p('writing', 10, 10))).toBe(true);
    t = 70;
    expect(ok(p('writing', 5))).toBe(false);
    t = 170;
    expect(ok(p('writing', 6))).toBe(true);
    t = 400;
    expect(ok(p('writing', 6))).toBe(false);
  });
});

describe('a job whose build runs its own reading thread (a worker inside the job worker)', () => {
  it('previews through the nested reading thread and gives the same answer as one thread', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nested-'));
    const csv = join(dir, 'k.csv');
    const lines = ['Kód;Cég;E-mail', ...Array.from({ length: 3000 }, (_, i) => `K${i};Cég ${i};a${i}@x.hu`), 'K3000;Cég;rossz@'];
    writeFileSync(csv, `${lines.join('\r\n')}\r\n`);
    const profile = {
      format: 'minicrm-sync-profile', version: 1, name: 'P',
      project: { Id: 'Kód', Name: 'Cég' }, business: { Name: 'Cég', Emails: [{ column: 'E-mail' }] },
    };
    const results = [];
    for (const threads of [2, 0]) {
      try {
        runner = new JobRunner({ env: { dbPath: join(dir, 'h.sqlite') }, entry: defaultWorkerEntry(new URL('../../electron/services/jobs/job-runner.ts', import.meta.url).href) });
        const final = await runner.wait(runner.start('preview', { path: csv, profile, mode: 'changed', options: { threads } }));
        expect(final.state).toBe('done');
        results.push(final.result);
        await runner.shutdown();
        runner = null;
      } finally {
        await runner?.shutdown();
      }
    }
    expect(results[0]).toMatchObject({ counts: { new: 3000, changed: 0, unchanged: 0, rejected: 1 } });
    expect(results[0]).toEqual(results[1]);
    rmSync(dir, { recursive: true, force: true });
  });
});
