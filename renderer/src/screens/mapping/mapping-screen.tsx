import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProfileV1 } from '../../../../shared/profile/profile-types';
import { useApp } from '../../app/session';
import { Notice } from '../../components/notice';
import { ScreenFrame } from '../../components/screen';
import { ColumnTable } from './column-table';
import { ConstantsPanel } from './constants-panel';
import { MinicrmValues } from './minicrm-values';
import { ErrorPolicyPanel } from './error-policy-panel';
import { constantTargets, fieldOptions } from './field-options';
import { ProfileActions } from './profile-actions';
import { assignColumn, profileEntries, refColumn, renameColumn, sameColumn } from './profile-edit';

export function MappingScreen() {
  const { t, i18n } = useTranslation();
  const { session, update, go } = useApp();
  const info = session.info!;
  const profile = session.profile!;
  const options = useMemo(() => fieldOptions(profile, i18n.language), [profile, i18n.language]);
  const hasId = profileEntries(profile).some((e) => e.target === 'project.Id');
  const m = session.matched;
  // Missing columns the profile still uses (the user may have re-pointed or dropped some already).
  const used = profileEntries(profile).map((e) => refColumn(e.ref)).filter((c): c is string => c !== undefined);
  const stillMissing = (m?.missingColumns ?? []).filter((c) => used.some((u) => sameColumn(u, c)));

  // Any change to the mapping makes an earlier check stale.
  const change = (p: ProfileV1) => update({ profile: p, check: null, counts: null, preview: null, edits: [], excludedRows: [] });

  return (
    <ScreenFrame
      id="mapping"
      title={t('mapping.title')}
      intro={t('mapping.intro')}
      footer={
        <button type="button" className="btn primary" disabled={!hasId} onClick={() => go('check')}>
          {t('mapping.next')}
        </button>
      }
    >
      {m && (
        <Notice kind="info">
          <p>{t('mapping.matched', { name: m.name })}</p>
          {m.newColumns.length > 0 && <p>{t('mapping.newColumns', { columns: m.newColumns.join(', ') })}</p>}
          {stillMissing.length > 0 && (
            <p>
              {t('mapping.missingColumns', { columns: stillMissing.join(', ') })}{' '}
              <button type="button" className="btn small" onClick={() => change(stillMissing.reduce((p, c) => assignColumn(p, c, null), profile))}>
                {t('mapping.dropMissing')}
              </button>
            </p>
          )}
          {m.renamedColumns.map((r) => (
            <p key={r.from}>
              {t('mapping.renamed', { from: r.from, to: r.to })}{' '}
              <button type="button" className="btn small" onClick={() => change(renameColumn(profile, r.from, r.to))}>{t('mapping.useRenamed', { to: r.to })}</button>
            </p>
          ))}
        </Notice>
      )}
      {!hasId && <Notice kind="warning">{t('mapping.idRequired')}</Notice>}
      <ColumnTable columns={info.columns} profile={profile} options={options} onChange={change} />
      <ConstantsPanel profile={profile} targets={constantTargets(options)} onChange={change} />
      <MinicrmValues profile={profile} onChange={change} />
      <ErrorPolicyPanel profile={profile} onChange={change} />
      <ProfileActions />
    </ScreenFrame>
  );
}
