// Opening a file in the app (`inspect:start`, `source:inspect`) runs as a job in a worker thread,
// like every other file job: progress events, cancel, and a hostile file ends in its one sentence
// while main's event loop (the window's) keeps turning.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invokeChannel } from '../../electron/main/ipc/handle';
import type { AppServices } from '../../electron/main/app-services';
import type { EventName, IpcResult } from '../../shared/ipc/contract';
import { caller, testServices } from './shell-harness';

let dir: string;
let services: AppServices;
const events: Array<{ event: EventName; payload: { jobId?: string; kind?: string; code?: string } }> = [];
const call = caller(() => services);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'shell-inspect-'));
  services = testServices(dir, (event, payload) => events.push({ event, payload: payload as never }));
  const cols = Array.from({ length: 1_000_000 }, (_, i) => `c${i}`).join(';');
  writeFileSync(join(dir, 'wide.csv'), `Id;Name;${cols}\n1;Kiss\n`);
  const rows = Array.from({ length: 200_000 }, (_, i) => `${i + 1};Ügyfél ${i + 1} Kft.;info${i}@example.hu`);
  writeFileSync(join(dir, 'big.csv'), `Kód;Név;E-mail\n${rows.join('\n')}\n`);
});

afterAll(async () => {
  await services.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('inspect as a job', () => {
  it('reads the file in a job with its own events and returns the columns', async () => {
    const { jobId } = await call('inspect:start', { path: join(dir, 'big.csv') });
    const final = await services.jobs.wait(jobId);
    expect(final.state).toBe('done');
    expect(final.result).toMatchObject({ info: { fileName: 'big.csv', headers: ['Kód', 'Név', 'E-mail'] } });
    expect(events.find((e) => e.event === 'job:done' && e.payload.jobId === jobId)?.payload).toMatchObject({ kind: 'inspect' });
  });

  it('a hostile file fails the job with its one sentence and code, and main keeps answering meanwhile', async () => {
    let ticks = 0;
    const timer = setInterval(() => { ticks++; }, 10);
    const started = Date.now();
    const r = (await invokeChannel('source:inspect', services.handlers['source:inspect'], { path: join(dir, 'wide.csv') })) as IpcResult<unknown>;
    const ms = Date.now() - started;
    clearInterval(timer);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('too-many-columns');
    expect(r.error.message).toMatch(/^wide\.csv: row 1 has more than 16,384 cells separated by ";"/);
    expect(r.error.params).toMatchObject({ row: 1, columns: 16_384 });
    // The reading happened off this thread: the timer kept firing while it ran (loosely: a third of its ticks).
    expect(ticks).toBeGreaterThan(ms / 10 / 3);
    expect(events.some((e) => e.event === 'job:failed' && e.payload.kind === 'inspect' && e.payload.code === 'too-many-columns')).toBe(true);
  });

  it('can be cancelled', async () => {
    const { jobId } = await call('inspect:start', { path: join(dir, 'big.csv') });
    await call('job:cancel', { jobId });
    const final = await services.jobs.wait(jobId);
    expect(final.state).toBe('cancelled');
    expect(events.some((e) => e.event === 'job:cancelled' && e.payload.jobId === jobId && e.payload.kind === 'inspect')).toBe(true);
  });
});
