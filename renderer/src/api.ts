import type { Api, ApiClient } from '../../shared/ipc/contract';
import { createApiClient } from '../../shared/ipc/client';

declare global {
  interface Window {
    /** Exposed by the preload (electron/preload): the only way the UI talks to main. */
    readonly api: Api;
  }
}

let client: ApiClient | null = null;

/** The typed bridge to main, with envelopes unwrapped (throws IpcFailure with a code to translate). */
export function api(): ApiClient {
  client ??= createApiClient(window.api);
  return client;
}
