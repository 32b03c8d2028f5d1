/**
 * Builds `window.api` from the contract's channel list: one named function per channel that calls
 * `ipcRenderer.invoke`, plus `on` (returns an unsubscribe) and `getPathForFile`. The page gets
 * these closures only — never ipcRenderer, never an event object (it would carry `sender`).
 */
import { CHANNELS } from '../../shared/ipc/channels';
import { apiName, EVENT_NAMES, eventChannel, type Api, type EventName, type Events } from '../../shared/ipc/contract';

/** The part of Electron's ipcRenderer the preload uses (a fake in tests). */
export interface IpcRendererLike {
  invoke(channel: string, payload?: unknown): Promise<unknown>;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
}

export function buildApi(ipc: IpcRendererLike, getPathForFile: (file: File) => string): Api {
  const api: Record<string, unknown> = {};
  for (const channel of CHANNELS) {
    api[apiName(channel)] = (req?: unknown) => ipc.invoke(channel, req);
  }
  api.on = <E extends EventName>(event: E, listener: (payload: Events[E]) => void): (() => void) => {
    if (!(EVENT_NAMES as readonly string[]).includes(event)) throw new Error(`Unknown event ${String(event)}`);
    if (typeof listener !== 'function') throw new Error('listener must be a function');
    const wrapped = (_event: unknown, payload: unknown) => listener(payload as Events[E]);
    ipc.on(eventChannel(event), wrapped);
    return () => {
      ipc.removeListener(eventChannel(event), wrapped);
    };
  };
  api.getPathForFile = (file: File): string => {
    try {
      return getPathForFile(file);
    } catch {
      return '';
    }
  };
  return Object.freeze(api) as Api;
}
