/**
 * The one place where IPC requests enter main. Every channel goes through `handle`: the payload is
 * validated with the channel's zod schema before the handler runs, the sender must be our own
 * page, and whatever the handler throws becomes a plain `IpcError` inside an `IpcResult` envelope
 * (errors thrown across ipcMain.handle would arrive as a bare message with the stack text mixed in).
 */
import type { Channel, IpcResult, Req, Res } from '../../../shared/ipc/contract';
import { CHANNELS } from '../../../shared/ipc/channels';
import { requestSchemas } from '../../../shared/ipc/schemas';
import { invalidRequest, toIpcError } from '../../../shared/ipc/ipc-error';

export type Handler<C extends Channel> = (req: Req<C>) => Promise<Res<C>>;
export type Handlers = { [C in Channel]: Handler<C> };

/** The part of Electron's IpcMainInvokeEvent we look at. */
export interface InvokeEventLike {
  senderFrame?: { url: string } | null;
}

/** The part of Electron's ipcMain we use (a fake in tests). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, payload: unknown) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface HandleOptions {
  /** Only our own page may call main; defaults to allowing every sender (tests, e2e bridge). */
  isTrustedSender?: (frameUrl: string) => boolean;
  /** Full error for the log file/console (never sent to the renderer). */
  logError?: (channel: Channel, err: unknown) => void;
}

/** Validates, calls, maps errors. Exported on its own so the e2e bridge can call it without ipcMain. */
export async function invokeChannel<C extends Channel>(
  channel: C,
  fn: Handler<C>,
  payload: unknown,
  opts: HandleOptions = {},
): Promise<IpcResult<Res<C>>> {
  const schema = requestSchemas[channel];
  const parsed = schema.safeParse(payload);
  if (!parsed.success) return { ok: false, error: invalidRequest(channel, parsed.error.issues) };
  try {
    const value = await fn(parsed.data as Req<C>);
    return { ok: true, value };
  } catch (err) {
    opts.logError?.(channel, err);
    return { ok: false, error: toIpcError(err) };
  }
}

export function handle<C extends Channel>(ipcMain: IpcMainLike, channel: C, fn: Handler<C>, opts: HandleOptions = {}): void {
  ipcMain.handle(channel, async (event, payload) => {
    const url = event.senderFrame?.url ?? '';
    if (opts.isTrustedSender && !opts.isTrustedSender(url)) {
      return { ok: false, error: { code: 'forbidden-sender', message: 'This page may not talk to the app.' } };
    }
    return invokeChannel(channel, fn, payload, opts);
  });
}

/** Registers every channel of the contract; returns a function that removes them again. */
export function registerIpc(ipcMain: IpcMainLike, handlers: Handlers, opts: HandleOptions = {}): () => void {
  for (const channel of CHANNELS) {
    handle(ipcMain, channel, handlers[channel] as Handler<typeof channel>, opts);
  }
  return () => {
    for (const channel of CHANNELS) ipcMain.removeHandler(channel);
  };
}
