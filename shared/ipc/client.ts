/**
 * Renderer-side convenience: `createApiClient(window.api)` unwraps the `IpcResult` envelopes so
 * screens can `await client.sourceInspect(…)` and catch `IpcFailure` (code + params to translate).
 */
import { apiName, type Api, type ApiClient, type IpcError, type IpcResult } from './contract';
import { CHANNELS } from './channels';

export class IpcFailure extends Error {
  override readonly name = 'IpcFailure';
  readonly code: string;
  readonly params: Record<string, string | number>;
  constructor(error: IpcError) {
    super(error.message);
    this.code = error.code;
    this.params = error.params ?? {};
  }
}

export function unwrap<T>(result: IpcResult<T>): T {
  if (result.ok) return result.value;
  throw new IpcFailure(result.error);
}

export function createApiClient(api: Api): ApiClient {
  const client: Record<string, unknown> = {
    on: api.on.bind(api),
    getPathForFile: api.getPathForFile.bind(api),
  };
  for (const channel of CHANNELS) {
    const name = apiName(channel);
    const fn = (api as unknown as Record<string, (req?: unknown) => Promise<IpcResult<unknown>>>)[name];
    if (!fn) throw new Error(`window.api lacks ${name}`);
    client[name] = async (req?: unknown) => unwrap(await fn(req));
  }
  return client as ApiClient;
}
