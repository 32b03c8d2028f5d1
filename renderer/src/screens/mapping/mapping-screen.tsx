import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProjectSchema } from '../../../../shared/domain/schema';
import type { ProfileV1 } from '../../../../shared/profile/profile-types';
import { api } from '../../api';
import { useApp } from '../../app/session';
import { Notice } from '../../components/notice';
import { ScreenFrame } from '../../components/screen';
import { useLocale } from '../../components/use-locale';
import { formatDateTime } from '../../format';
import { ColumnTable } from './column-table';
import { ConstantsPanel } from './constants-panel';
import { MinicrmValues } from './minicrm-values';
import { ErrorPolicyPanel } from './error-policy-panel';
import { constantTargets, fieldOptions } from './field-options';
import { MappingDiffNotice } from './mapping-diff';
import { ProfileActions } from './profile-actions';
import { assignColumn, constantsOf, profileEntries, refColumn, renameColumn, sameColumn, targetsOf } from './profile-edit';

/** The category's MiniCRM field list when it was downloaded before (never asks MiniCRM by itself). */
function useCachedSchema(categoryId: string | null): [ProjectSchema | null, () => void] {
  const [schema, setSchema] = useState<ProjectSchema | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    const valid = categoryId !== null && /^\d{1,12}$/.test(categoryId);
    if (!valid) return;
    api().schemaCached({ categoryId }).then(
      (c) => (c ? api().schemaGet({ categoryId }) : null),
    ).then((s) => live && setSchema(s), () => undefined);
    return () => { live = false; };
  }, [categoryId, version]);
  const shown = categoryId !== null && schema?.categoryId === categoryId ? schema : null;
  return [shown, useCallback(() => setVersion((v) => v + 1), [])];
}

export function MappingScreen() {
  const { t, i18n } = useTranslation();
  const locale = useLocale();
  const { session, changeProfile, go } = useApp();
  const info = session.info!;
  const profile = session.profile!;
  const options = useMemo(() => fieldOptions(profile, i18n.language), [profile, i18n.language]);
  const categoryId = constantsOf(profile).find((c) => c.target === 'project.CategoryId')?.value ?? null;
  const [schema, reloadSchema] = useCachedSchema(categoryId);
  const hasId = profileEntries(profile).some((e) => e.target === 'project.Id');
  const m = session.matched;
  const d = session.delivered;
  // Missing columns the profile still uses (the user may have re-pointed or dropped some already).
  const used = profileEntries(profile).map((e) => refColumn(e.ref)).filter((c): c is string => c !== undefined);
  const stillMissing = (m?.missingColumns ?? []).filter((c) => used.some((u) => sameColumn(u, c)));
  const unused = info.columns.filter((c) => c.header.trim() !== '' && targetsOf(profile, c.header).length === 0).map((c) => c.header);
  // New columns the profile still leaves out (once mapped, a column is no longer "not used yet").
  const stillNew = (m?.newColumns ?? []).filter((c) => targetsOf(profile, c).length === 0);

  // Any change to the mapping makes an earlier check stale; fixes and left-out rows stay (by row and column).
  const change = (p: ProfileV1) => changeProfile(p);

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
          {stillNew.length > 0 && <p>{t('mapping.newColumns', { columns: stillNew.join(', ') })}</p>}
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
      {!m && d && session.savedProfile === d.profile && (
        <Notice kind="info"><p data-testid="delivered-applied">{t('mapping.deliveredApplied', { date: formatDateTime(d.deliveredAt, locale), file: d.sourceName ?? '' })}</p></Notice>
      )}
      {d && <MappingDiffNotice delivered={d} profile={profile} where="mapping" />}
      {!hasId && <Notice kind="warning">{t('mapping.idRequired')}</Notice>}
      {unused.length > 0 && (
        <p className="muted unused-columns" data-testid="unused-columns">{t('mapping.unused', { count: unused.length, columns: unused.join(', ') })}</p>
      )}
      <ColumnTable columns={info.columns} profile={profile} options={options} schema={schema} onChange={change} />
      <ConstantsPanel profile={profile} targets={constantTargets(options)} onChange={change} />
      <MinicrmValues profile={profile} onChange={change} onSchema={reloadSchema} />
      <ErrorPolicyPanel profile={profile} onChange={change} />
      <ProfileActions />
    </ScreenFrame>
  );
}
