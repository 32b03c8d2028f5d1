import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../../shared/ipc/contract';
import { en } from './en';
import { hu } from './hu';

export const LANGUAGES: readonly Language[] = ['hu', 'en'];

export async function initI18n(lang: Language): Promise<void> {
  document.documentElement.lang = lang;
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, hu: { translation: hu } },
    lng: lang,
    fallbackLng: 'en',
    // React escapes text already; double escaping would show &amp; to users.
    interpolation: { escapeValue: false },
  });
}

/** Switches the UI at once; the choice is stored by main (settings:save prefs.language). */
export async function applyLanguage(lang: Language): Promise<void> {
  document.documentElement.lang = lang;
  await i18next.changeLanguage(lang);
}

/** The BCP 47 locale used for Intl formatting of numbers and dates in the current language. */
export function localeOf(lang: string): string {
  return lang === 'hu' ? 'hu-HU' : 'en-GB';
}
