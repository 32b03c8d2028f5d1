import { useTranslation } from 'react-i18next';
import { localeOf } from '../i18n';

/** The Intl locale of the current UI language (numbers and dates follow the language the user picked). */
export function useLocale(): string {
  const { i18n } = useTranslation();
  return localeOf(i18n.language);
}
