import { randomBytes } from 'node:crypto';
import { isMessageCode, type CodedMessage, type MessageCode, type MessageParams } from '../../../shared/domain/message-codes';
import { toIpcError } from '../../../shared/ipc/ipc-error';
import type { HostKeyStore, SeenHostKey } from './host-key';
import { deleteHttps, putSmallHttps, send, caList } from './https-upload';
import { apiStatusError, r3Request } from './minicrm-api';
import { PublishError } from './publish-error';
import type { R3SlotLog } from './rate-limit';
import { redact } from './redact';
import { allSecretValues, type SecretStore } from './secret-store';
import { isDirectUpload, joinUrl, requireSettings, type ConnectionSettings } from './settings';
import { probeSftp } from './sftp-upload';

export interface PreflightPart {
  part: 'minicrm' | 'upload' | 'public-url';
  ok: boolean;
  /** Not tested (e.g. the upload failed, so there is nothing to fetch). */
  skipped: boolean;
  /** English (CLI, logs). */
  message: string;
  /** The same for the UI's language: e.g. `minicrm-ok` or the failure's own code. */
  code: MessageCode;
  params: MessageParams;
}

export interface PreflightReport {
  ok: boolean;
  parts: PreflightPart[];
  hostKey: SeenHostKey | null;
  pinnedNow: boolean;
}

export interface PreflightDeps {
  hostKeys: HostKeyStore;
  /** The one R3 limiter (the app's ApiCallRepository): the credential check is an R3 request too. */
  apiCalls: R3SlotLog;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** A failure as a coded message: errors written for users keep their code; anything else is internal. */
function problemOf(e: unknown): CodedMessage {
  const { code, params } = toIpcError(e);
  const message = e instanceof Error ? e.message : String(e);
  return { code: isMessageCode(code) ? code : 'internal-error', message, ...(params ? { params } : {}) };
}

/**
 * "Test connection": MiniCRM credentials (GET /Api/R3/Category), the upload target (write and
 * delete a small probe file) and, where reachable from here, that the public URL serves the probe.
 */
export async function checkConnection(settings: ConnectionSettings, secrets: SecretStore, deps: PreflightDeps): Promise<PreflightReport> {
  const signal = deps.signal ?? new AbortController().signal;
  const hide = await allSecretValues(secrets);
  const parts: PreflightPart[] = [];
  // Params reach the UI like the message, so both are masked.
  const add = (part: PreflightPart['part'], ok: boolean, m: CodedMessage, skipped = false) => parts.push({
    part, ok, skipped, message: redact(m.message, hide), code: m.code,
    params: Object.fromEntries(Object.entries(m.params ?? {}).map(([k, v]) => [k, typeof v === 'string' ? redact(v, hide) : v])),
  });
  let hostKey: SeenHostKey | null = null;
  let pinnedNow = false;

  try {
    await requireSettings(settings, secrets, { api: true });
    const a = await r3Request(deps.apiCalls, settings, (await secrets.get('minicrm.apiKey')) ?? '', {
      path: '/Api/R3/Category', timeoutMs: deps.timeoutMs ?? 30_000, signal, retries: 0,
    });
    const err = apiStatusError(a);
    if (err) throw err;
    let count = 0;
    try {
      count = Object.keys(JSON.parse(a.body) as object).length;
    } catch {
      throw new PublishError('minicrm-unexpected-answer', 'MiniCRM answered, but not with the expected list of categories.');
    }
    add('minicrm', true, { code: 'minicrm-ok', message: `MiniCRM accepted the System Id and API key (${count} categories).`, params: { categories: count } });
  } catch (e) {
    add('minicrm', false, problemOf(e));
  }

  if (isDirectUpload(settings)) {
    // Probing MiniCRM's upload would start an import (and spend one of its hourly syncs).
    add('upload', true, { code: 'upload-direct', message: 'Feeds go straight to MiniCRM (experimental): there is no upload folder to test; the MiniCRM check covers the System Id and API key.' });
    add('public-url', true, { code: 'public-url-not-needed', message: 'Not needed: MiniCRM receives the feed itself.' }, true);
    return { ok: parts.every((p) => p.ok), parts, hostKey: null, pinnedNow: false };
  }

  const probeName = `minicrm-xml-sync-probe-${randomBytes(6).toString('hex')}.txt`;
  const token = `MiniCRM XML Sync connection test ${randomBytes(8).toString('hex')}\n`;
  let remove: (() => Promise<void>) | null = null;
  try {
    await requireSettings(settings, secrets, { upload: true });
    const t = settings.upload!;
    if (t.kind === 'sftp') {
      const probe = await probeSftp(t, {
        password: await secrets.get('upload.password'), passphrase: await secrets.get('upload.keyPassphrase'),
      }, deps.hostKeys, probeName, token);
      hostKey = probe.hostKey;
      pinnedNow = probe.pinnedNow;
      remove = probe.remove;
    } else if (t.kind === 'https') {
      const creds = { password: await secrets.get('upload.password'), token: await secrets.get('upload.token') };
      await putSmallHttps(t, creds, probeName, token, signal);
      remove = () => deleteHttps(t, creds, probeName, signal);
    }
    const written = 'A test file was written to the upload folder.';
    add('upload', true, pinnedNow && hostKey
      ? { code: 'upload-ok-pinned', message: `${written} The server's host key ${hostKey.algorithm} ${hostKey.fingerprint} is now trusted.`, params: { ...hostKey } }
      : { code: 'upload-ok', message: written });
  } catch (e) {
    add('upload', false, problemOf(e));
  }

  if (!remove) {
    add('public-url', false, { code: 'public-url-skipped', message: 'Not checked: the upload folder could not be written.' }, true);
  } else {
    try {
      await requireSettings(settings, secrets, { publicUrl: true });
      const url = joinUrl(settings.publicUrl, probeName);
      const headers: Record<string, string> = {};
      if (settings.downloadUser) {
        const pw = (await secrets.get('download.password')) ?? '';
        headers.authorization = `Basic ${Buffer.from(`${settings.downloadUser}:${pw}`).toString('base64')}`;
      }
      if (!url.startsWith('https:')) throw new PublishError('public-url-not-https', 'The public address should start with https:// so the feed travels encrypted.');
      const caFile = settings.publicCaFile ?? (settings.upload?.kind === 'https' ? settings.upload.caFile : null);
      const res = await send({
        method: 'GET', url, headers, ca: caList(caFile), signal, timeoutMs: deps.timeoutMs ?? 30_000, where: `The public address ${new URL(url).host}`,
      });
      const status = { status: res.status };
      if (res.status === 200 && res.body === token) add('public-url', true, { code: 'public-url-ok', message: 'The public address serves the uploaded file.' });
      else if (res.status === 401 || res.status === 403) {
        add('public-url', false, { code: 'public-url-login', message: `The public address asks for a login (HTTP ${res.status}); set the download user and password.`, params: status });
      } else {
        add('public-url', false, {
          code: 'public-url-not-served', message: `The public address does not serve the uploaded file (HTTP ${res.status}); check that it points at the upload folder.`, params: status,
        });
      }
    } catch (e) {
      // The UI adds the same hint (settings.publicUrlHint) in its language.
      const p = problemOf(e);
      add('public-url', false, { ...p, message: `${p.message} (If MiniCRM can reach this address but this computer cannot, this check may be ignored.)` });
    }
    await remove().catch(() => undefined);
  }
  return { ok: parts.every((p) => p.ok), parts, hostKey, pinnedNow };
}
