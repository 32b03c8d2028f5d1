/** The signals a terminal, a scheduler or a shutdown sends to stop a command, and their exit codes. */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
export type StopSignal = (typeof STOP_SIGNALS)[number];

/** 128 + the signal's number, as shells report a process stopped by it (the same on every OS). */
export const SIGNAL_EXIT: Record<StopSignal, number> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

export interface StopWatch {
  /** Aborts on the first stop signal: the command stops cleanly (removes what it half wrote). */
  readonly signal: AbortSignal;
  readonly received: StopSignal | null;
  dispose(): void;
}

/**
 * Turns SIGINT/SIGTERM/SIGHUP into a clean stop for the whole command. One Ctrl+C often arrives
 * twice (the terminal signals the process group and npm forwards it): a repeat within `graceMs`
 * is the same request. One later than that stops at once; the next run removes what is left.
 */
export function watchStopSignals(
  say: (line: string) => void,
  opts: { graceMs?: number; exit?: (code: number) => void } = {},
): StopWatch {
  const controller = new AbortController();
  let received: StopSignal | null = null;
  let at = 0;
  const handlers = STOP_SIGNALS.map((name) => {
    const handler = (): void => {
      if (received === null) {
        received = name;
        at = Date.now();
        say(`Stopping (${name}): cleaning up what was half-written…`);
        // An AbortError as any abort's (fetch and streams reject with it) that names the signal.
        controller.abort(new StopSignalAbort(name));
        return;
      }
      if (Date.now() - at < (opts.graceMs ?? 2000)) return;
      say(`Stopped at once (${name}). Files left half-written are removed by the next run.`);
      (opts.exit ?? process.exit)(SIGNAL_EXIT[name]);
    };
    process.on(name, handler);
    return [name, handler] as const;
  });
  return {
    signal: controller.signal,
    get received() {
      return received;
    },
    dispose() {
      for (const [name, handler] of handlers) process.removeListener(name, handler);
    },
  };
}

/** The abort reason of a stop signal: a standard AbortError that says which signal it was. */
export class StopSignalAbort extends DOMException {
  constructor(readonly stopSignal: StopSignal) {
    super(`Stopped by ${stopSignal}.`, 'AbortError');
  }
}

/** The stop signal a command's `io.stop` was aborted by, if any. */
export function stoppedBy(io: { stop?: AbortSignal }): StopSignal | null {
  const reason: unknown = io.stop?.aborted ? io.stop.reason : null;
  return reason instanceof StopSignalAbort ? reason.stopSignal : null;
}
