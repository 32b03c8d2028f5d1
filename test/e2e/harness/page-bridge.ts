/**
 * Runs INSIDE the browser page (bundled by esbuild into an init script): builds `window.api` with
 * the preload's own `buildApi`, over a stand-in for ipcRenderer whose `invoke` calls the test's
 * Node process (`__ipc`, a Playwright binding) where the real main-process handlers run. Events
 * come back through `__emit`, called by the test with page.evaluate.
 */
import { buildApi, type IpcRendererLike } from '../../../electron/preload/build-api';

type Listener = (event: unknown, payload: unknown) => void;
interface BridgeWindow {
  __ipc(channel: string, payload: unknown): Promise<unknown>;
  __emit(channel: string, payload: unknown): void;
  /** Test double for webUtils.getPathForFile: dropped file name -> fixture path. */
  __dropPaths: Record<string, string>;
  api: unknown;
}

const w = window as unknown as BridgeWindow;
const listeners = new Map<string, Set<Listener>>();

const ipc: IpcRendererLike = {
  invoke: (channel, payload) => w.__ipc(channel, payload === undefined ? null : payload),
  on(channel, listener) {
    let set = listeners.get(channel);
    if (!set) listeners.set(channel, (set = new Set()));
    set.add(listener);
  },
  removeListener(channel, listener) {
    listeners.get(channel)?.delete(listener);
  },
};

w.__dropPaths = {};
w.__emit = (channel, payload) => {
  for (const l of listeners.get(channel) ?? []) l({}, payload);
};
w.api = buildApi(ipc, (file) => w.__dropPaths[file.name] ?? '');
