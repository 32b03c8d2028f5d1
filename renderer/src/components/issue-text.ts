import i18next, { type TFunction } from 'i18next';
import type { RowIssue } from '../../../shared/domain/issue';

function countryName(code: unknown, lang: string): string {
  if (typeof code !== 'string' || code === '') return '';
  try {
    return new Intl.DisplayNames([lang], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** A row problem in the user's language; falls back to the engine's English sentence for unknown codes. */
export function issueText(issue: RowIssue, t: TFunction, lang: string = i18next.language ?? 'en'): string {
  const params: Record<string, string | number> = { value: issue.value, ...(issue.params ?? {}) };
  let text: string;
  if (issue.code === 'value-left-out') {
    // Why the value was wrong, in the words of its own code, then what happened to it.
    const why = t(`issue.${String(params.reason ?? '')}`, { ...params, defaultValue: '' });
    text = why ? t('issue.value-left-out', { ...params, why }) : issue.message;
  } else if (issue.code === 'invalid-phone') {
    const key = params.withZero ? 'issue.invalid-phone-zero' : 'issue.invalid-phone';
    text = t(key, { ...params, countryName: countryName(params.country, lang), defaultValue: issue.message });
  } else {
    text = t(`issue.${issue.code}`, { ...params, defaultValue: issue.message });
  }
  return issue.column ? `${issue.column}: ${text}` : text;
}
