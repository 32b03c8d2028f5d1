import type { AppPrefs, Language } from '../../../../shared/ipc/types';
import { resolveLanguage } from '../../locale';
import type { HandlerDeps } from './deps';

export const PREFS_KEY = 'app.prefs';
const DEFAULT_PREFS: AppPrefs = { language: null, phoneRegion: 'HU' };

export function loadPrefs(deps: Pick<HandlerDeps, 'db'>): AppPrefs {
  return { ...DEFAULT_PREFS, ...(deps.db.settings.get<Partial<AppPrefs>>(PREFS_KEY) ?? {}) };
}

export function effectiveLanguage(deps: Pick<HandlerDeps, 'db' | 'app'>): Language {
  return resolveLanguage(loadPrefs(deps).language, deps.app.osLocale);
}
