import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProfileV1 } from '../../../../shared/profile/profile-types';
import { api } from '../../api';
import { errorView, SettingButton, useConnection } from '../../components/error-message';
import type { SettingKey } from '../../components/setting-hint';
import { useLocale } from '../../components/use-locale';
import { formatDateTime } from '../../format';
import { constantsOf, setConstant } from './profile-edit';

/**
 * The MiniCRM category of the import and MiniCRM's own field lists for it (statuses, users,
 * dropdowns, text lengths). With them, Check also catches values MiniCRM would refuse.
 */
export function MinicrmValues({ profile, onChange, onSchema }: { profile: ProfileV1; onChange(p: ProfileV1): void; onSchema(): void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const categoryId = constantsOf(profile).find((c) => c.target === 'project.CategoryId')?.value ?? null;
  const [categories, setCategories] = useState<Record<string, string> | null>(null);
  const [fetchedAt, setFetchedAt] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ text: string; setting: SettingKey | null } | null>(null);
  const connection = useConnection();
  const validId = categoryId !== null && /^\d{1,12}$/.test(categoryId);

  useEffect(() => {
    let live = true;
    if (validId) api().schemaCached({ categoryId }).then((c) => live && setFetchedAt(c?.fetchedAt ?? null), () => undefined);
    return () => { live = false; };
  }, [categoryId, validId]);

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (err) {
      const v = errorView(err, 'minicrm', connection, t);
      setError({ text: v.text, setting: v.setting });
    } finally {
      setBusy(false);
    }
  };
  const loadCategories = () => run(async () => setCategories(await api().schemaCategories()));
  const refresh = () => run(async () => {
    if (validId) setFetchedAt((await api().schemaGet({ categoryId, refresh: true })).fetchedAt);
    onSchema();
  });

  return (
    <section className="panel" aria-labelledby="minicrm-values-title" data-testid="minicrm-values">
      <h2 id="minicrm-values-title">{t('mapping.minicrmValues')}</h2>
      <p className="muted">{t('mapping.minicrmValuesHelp')}</p>
      {error && <div className="bad" role="alert"><p>{error.text}</p>{error.setting && <SettingButton setting={error.setting} />}</div>}
      <div className="form-row">
        {categories ? (
          <label className="field">
            <span>{t('mapping.category')}</span>
            <select value={categoryId ?? ''} onChange={(e) => onChange(setConstant(profile, 'project.CategoryId', e.target.value || null))}>
              <option value="">{t('mapping.notUsed')}</option>
              {Object.entries(categories).map(([id, name]) => <option key={id} value={id}>{`${name} (${id})`}</option>)}
            </select>
          </label>
        ) : (
          <button type="button" className="btn" disabled={busy} onClick={() => void loadCategories()}>{t('mapping.pickCategory')}</button>
        )}
        {validId && (
          <>
            <span className="muted" data-testid="schema-age">
              {fetchedAt ? t('mapping.schemaAge', { date: formatDateTime(fetchedAt, locale) }) : t('mapping.schemaNone')}
            </span>
            <button type="button" className="btn" disabled={busy} onClick={() => void refresh()}>{busy ? t('app.busy') : t('mapping.schemaRefresh')}</button>
          </>
        )}
      </div>
    </section>
  );
}
