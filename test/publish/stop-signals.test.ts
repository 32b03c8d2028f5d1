import { describe, expect, it } from 'vitest';
import { SIGNAL_EXIT, watchStopSignals } from '../../electron/cli/signals';

describe('stop signals of the command line', () => {
  it('the first signal stops cleanly; a repeat at once is the same Ctrl+C; a later one stops at once with its code', async () => {
    const said: string[] = [];
    const exits: number[] = [];
    const watch = watchStopSignals((l) => said.push(l), { graceMs: 50, exit: (c) => exits.push(c) });
    try {
      expect(watch.signal.aborted).toBe(false);
      process.emit('SIGTERM');
      expect(watch.signal.aborted).toBe(true);
      expect(watch.received).toBe('SIGTERM');
      process.emit('SIGINT');
      expect(exits).toEqual([]);
      await new Promise((r) => setTimeout(r, 80));
      process.emit('SIGINT');
      expect(exits).toEqual([130]);
      expect(said).toEqual([
        'Stopping (SIGTERM): cleaning up what was half-written…',
        'Stopped at once (SIGINT). Files left half-written are removed by the next run.',
      ]);
    } finally {
      watch.dispose();
    }
    expect(process.listenerCount('SIGHUP')).toBe(0);
    expect(SIGNAL_EXIT).toEqual({ SIGHUP: 129, SIGINT: 130, SIGTERM: 143 });
  });
});
