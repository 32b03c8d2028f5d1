import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionPart, ConnectionSettingsView, ConnectionTestResult, HostKeyInfo } from '../../../../shared/ipc/contract';
import { api } from '../../api';
import { errorText, messageText } from '../../components/error-text';
import { errorView, SettingButton, TechDetails } from '../../components/error-message';
import { isMinicrmFault, settingFor } from '../../components/setting-hint';

/** "Test connection" for one part, with the SFTP host key to accept when the server shows a new one. */
export function TestConnection({ part, beforeTest, connection }: { part: ConnectionPart; beforeTest(): Promise<boolean>; connection: ConnectionSettingsView }) {
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
  const fix = result && !result.ok ? settingFor(result.code, result.params, { part, connection }) : null;
  // This computer may not reach the public address although MiniCRM can (main says the same in English).
  const publicUrlUnreachable = result?.part === 'public-url' && !result.ok && !result.skipped && !result.code.startsWith('public-url-');
  return (
    <div className="test-connection" data-part={part}>
      <button type="button" className="btn" onClick={() => void test()} disabled={busy}>{busy ? t('settings.testing') : t('settings.test')}</button>
      <span role="status" className={result ? (result.ok ? 'ok' : 'bad') : ''}>
        {result && (result.ok ? t('settings.ok') : t('settings.failed'))}
        {error}
      </span>
      {result && (
        // What happened, in the user's language (the code's sentence with main's params).
        <div className="test-detail small" data-testid="test-detail">
          <p className={result.ok ? 'muted' : undefined}>{result.ok || result.skipped ? messageText(result, t) : isMinicrmFault(result.code, result.params, part) ? t('errors.minicrmFaultTest') : errorView(result, part, connection, t).text}</p>
          {publicUrlUnreachable && <p className="muted">{t('settings.publicUrlHint')}</p>}
          {!result.ok && fix && <SettingButton setting={fix} />}
          {!result.ok && <TechDetails items={[...(result.params.status !== undefined ? [t('details.http', { status: result.params.status })] : []), t('details.code', { code: result.code })]} />}
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
