import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionPart, ConnectionTestResult } from '../../../../shared/ipc/contract';
import { api } from '../../api';
import { errorText } from '../../components/error-text';

/** "Test connection" for one part, with the SFTP host key to accept when the server shows a new one. */
export function TestConnection({ part, beforeTest }: { part: ConnectionPart; beforeTest(): Promise<boolean> }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ConnectionTestResult | null>(null);
  const [error, setError] = useState<string | null>(null);

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
      const pinned = await api().settingsAcceptHostKey({ host: k.host, port: k.port, fingerprint: k.fingerprint });
      setResult({ ...result, hostKey: pinned });
    } catch (err) {
      setError(errorText(err, t));
    }
  };

  const key = result?.hostKey;
  return (
    <div className="test-connection" data-part={part}>
      <button type="button" className="btn" onClick={() => void test()} disabled={busy}>{busy ? t('settings.testing') : t('settings.test')}</button>
      <span role="status" className={result ? (result.ok ? 'ok' : 'bad') : ''}>
        {result && (result.ok ? t('settings.ok') : `${t('settings.failed')}: ${result.message}`)}
        {error}
      </span>
      {key && (
        <div className="hostkey">
          <span>{t('settings.hostKey')}: <code>{key.fingerprint}</code></span>
          {key.status !== 'pinned' && (
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
