import { useTranslation } from 'react-i18next';
import type {
  ConnectionSettingsView, HttpsTargetView, MinicrmUploadTargetView, SecretName, SettingsView, SftpTargetView,
} from '../../../../shared/ipc/contract';
import type { SettingKey } from '../../components/setting-hint';
import { Notice } from '../../components/notice';
import { SecretField } from './secret-field';
import { TestConnection } from './test-connection';

const SFTP: SftpTargetView = { kind: 'sftp', host: '', port: 22, user: '', auth: 'password', privateKeyPath: null, remoteFolder: '' };
const HTTPS: HttpsTargetView = { kind: 'https', folderUrl: '', auth: 'basic', user: null, caFile: null };
const DIRECT: MinicrmUploadTargetView = { kind: 'minicrm' };
const KINDS = { sftp: SFTP, https: HTTPS, minicrm: DIRECT } as const;

interface Props {
  value: ConnectionSettingsView;
  view: SettingsView;
  onChange(v: ConnectionSettingsView): void;
  onSaved(v: SettingsView): void;
  onError(err: unknown): void;
  saveFirst(): Promise<boolean>;
}

function Text({ label, value, onChange, type = 'text', testId, setting }: { label: string; value: string; onChange(v: string): void; type?: string; testId?: string; setting: SettingKey }) {
  return (
    <label className="field" data-setting={setting}>
      <span>{label}</span>
      <input type={type} value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId} spellCheck={false} />
    </label>
  );
}

/** MiniCRM account, upload target (SFTP or HTTPS) and public URL, each with its own connection test. */
export function ConnectionForm({ value, view, onChange, onSaved, onError, saveFirst }: Props) {
  const { t } = useTranslation();
  const secret = (name: SecretName, label: string, setting: SettingKey) => (
    <SecretField name={name} label={label} setting={setting} stored={view.secrets[name]} disabled={view.secretStorageProblem !== null} onSaved={onSaved} onError={onError} />
  );
  const up = value.upload ?? SFTP;
  const setUp = (u: SftpTargetView | HttpsTargetView | MinicrmUploadTargetView) => onChange({ ...value, upload: u });

  return (
    <>
      <fieldset className="panel">
        <legend>{t('settings.minicrm')}</legend>
        <div className="form-grid">
          <Text label={t('settings.systemId')} value={value.systemId} testId="systemId" setting="systemId" onChange={(v) => onChange({ ...value, systemId: v })} />
          <Text label={t('settings.apiUrl')} type="url" value={value.apiBaseUrl} testId="baseUrl" setting="apiUrl" onChange={(v) => onChange({ ...value, apiBaseUrl: v })} />
          {secret('minicrm.apiKey', t('settings.apiKey'), 'apiKey')}
        </div>
        <TestConnection part="minicrm" beforeTest={saveFirst} connection={value} />
      </fieldset>
      <fieldset className="panel">
        <legend>{t('settings.upload')}</legend>
        <div className="form-grid">
          <label className="field" data-setting="uploadTarget">
            <span>{t('settings.kind')}</span>
            <select value={up.kind} onChange={(e) => setUp(KINDS[e.target.value as keyof typeof KINDS])} data-testid="upload-kind">
              <option value="sftp">{t('settings.kinds.sftp')}</option>
              <option value="https">{t('settings.kinds.https')}</option>
              <option value="minicrm">{t('settings.kinds.minicrm')}</option>
            </select>
          </label>
          {up.kind === 'minicrm' ? (
            <Notice kind="info">{t('settings.directHelp')}</Notice>
          ) : up.kind === 'sftp' ? (
            <>
              <Text label={t('settings.host')} value={up.host} testId="sftp-host" setting="sftpHost" onChange={(v) => setUp({ ...up, host: v })} />
              <Text label={t('settings.port')} type="number" value={String(up.port)} testId="sftp-port" setting="sftpPort" onChange={(v) => setUp({ ...up, port: Number(v) || 22 })} />
              <Text label={t('settings.user')} value={up.user} testId="sftp-user" setting="sftpUser" onChange={(v) => setUp({ ...up, user: v })} />
              <Text label={t('settings.remoteDir')} value={up.remoteFolder} testId="sftp-dir" setting="sftpFolder" onChange={(v) => setUp({ ...up, remoteFolder: v })} />
              <label className="field">
                <span>{t('settings.authKind')}</span>
                <select value={up.auth} onChange={(e) => setUp({ ...up, auth: e.target.value as 'password' | 'key' })}>
                  <option value="password">{t('settings.authKinds.password')}</option>
                  <option value="key">{t('settings.authKinds.key')}</option>
                </select>
              </label>
              {up.auth === 'password' ? secret('upload.password', t('settings.password'), 'sftpPassword') : (
                <>
                  <Text label={t('settings.privateKey')} setting="sftpKeyFile" value={up.privateKeyPath ?? ''} onChange={(v) => setUp({ ...up, privateKeyPath: v || null })} />
                  {secret('upload.keyPassphrase', t('settings.passphrase'), 'sftpKeyFile')}
                </>
              )}
            </>
          ) : (
            <>
              <Text label={t('settings.folderUrl')} type="url" value={up.folderUrl} testId="https-url" setting="uploadUrl" onChange={(v) => setUp({ ...up, folderUrl: v })} />
              <label className="field">
                <span>{t('settings.authKind')}</span>
                <select value={up.auth} onChange={(e) => setUp({ ...up, auth: e.target.value as 'none' | 'basic' | 'bearer' })}>
                  {(['none', 'basic', 'bearer'] as const).map((a) => <option key={a} value={a}>{t(`settings.authKinds.${a}`)}</option>)}
                </select>
              </label>
              {up.auth === 'basic' && (
                <>
                  <Text label={t('settings.user')} setting="uploadUser" value={up.user ?? ''} onChange={(v) => setUp({ ...up, user: v || null })} />
                  {secret('upload.password', t('settings.password'), 'uploadPassword')}
                </>
              )}
              {up.auth === 'bearer' && secret('upload.token', t('settings.token'), 'uploadToken')}
              <Text label={t('settings.caFile')} setting="uploadCaFile" value={up.caFile ?? ''} onChange={(v) => setUp({ ...up, caFile: v || null })} />
            </>
          )}
        </div>
        <TestConnection part="upload" beforeTest={saveFirst} connection={value} />
      </fieldset>
      {up.kind !== 'minicrm' && <fieldset className="panel">
        <legend>{t('settings.publicUrl')}</legend>
        <div className="form-grid">
          <Text label={t('settings.publicUrl')} type="url" value={value.publicUrl} testId="public-url" setting="publicUrl" onChange={(v) => onChange({ ...value, publicUrl: v })} />
          <Text label={t('settings.downloadUser')} setting="downloadUser" value={value.downloadUser ?? ''} onChange={(v) => onChange({ ...value, downloadUser: v || null })} />
          {secret('download.password', t('settings.downloadPassword'), 'downloadPassword')}
          <Text label={t('settings.publicCaFile')} setting="publicCaFile" value={value.publicCaFile ?? ''} onChange={(v) => onChange({ ...value, publicCaFile: v || null })} />
        </div>
        <TestConnection part="public-url" beforeTest={saveFirst} connection={value} />
      </fieldset>}
    </>
  );
}
