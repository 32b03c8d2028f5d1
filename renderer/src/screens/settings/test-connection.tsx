import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionPart, ConnectionTestResult, HostKeyInfo } from '../../../../shared/ipc/contract';
import { api } from '../../api';
import { codeText, errorText } from '../../components/error-text';

/** "Test connection" for one part, with the SFTP host key to accept when the server shows a new one. */
export function TestConnection({ part, beforeTest }: { part: ConnectionPart; beforeTest(): Promise<boolean> }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ConnectionTestResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pinned, setPinned] = useState<HostKeyInfo | null>(null);

  // The SFTP server's pinned key is shown even before a test, so IT can compare it.
  useEffect(() => {
    if (part === 'upload') api().settingsHostKey().then(setPinned, () => undefined);
  }, [part]);

  const test = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      if (await beforeTest()) setResult(await api().settingsTestConnection({ part }));
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };
  const accept = async () => {
    const k = result?.hostKey;
    if (!k) return;
    try {
      const accepted = await api().settingsAcceptHostKey({ host: k.host, port: k.port, algorithm: k.algorithm, fingerprint: k.fingerprint });
      setResult({ ...result, hostKey: accepted });
      setPinned(accepted);
    } catch (err) {
      setError(errorText(err, t));
    }
  };

  const key = result?.hostKey ?? pinned;
  return (
    <div className="test-connection" data-part={part}>
      <button type="button" className="btn" onClick={() => void test()} disabled={busy}>{busy ? t('settings.testing') : t('settings.test')}</button>
      <span role="status" className={result ? (result.ok ? 'ok' : 'bad') : ''}>
        {result && (result.ok ? t('settings.ok') : t('settings.failed'))}
        {error}
      </span>
      {result && !result.ok && (
        // The plain reason: translated when its code is known; the service's own sentence stays as the detail.
        <div className="test-detail small">
          {result.hostKey?.status === 'changed' && <p>{t('errors.host-key-changed')}</p>}
          <p className="muted">{codeText(result.code, result.message, result.params, t)}</p>
        </div>
      )}
      {key && (
        <div className="hostkey">
          <span>{t('settings.hostKey')}: <code data-testid="host-key">{key.algorithm} {key.fingerprint}</code></span>
          {key.status === 'changed' && (
            <>
              <p className="small">{t('settings.hostKeyNew')}</p>
              <button type="button" className="btn small" onClick={() => void accept()}>{t('settings.acceptKey')}</button>
            </>
          )}
        </div>
      )}
    </div>
  );
}
