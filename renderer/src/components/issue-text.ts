import type { TFunction } from 'i18next';
import type { RowIssue } from '../../../shared/domain/issue';

/** A row problem in the user's language; falls back to the engine's English sentence for unknown codes. */
export function issueText(issue: RowIssue, t: TFunction): string {
  const key = `issue.${issue.code}`;
  const text = t(key, { value: issue.value, ...(issue.params ?? {}), defaultValue: issue.message });
  return issue.column ? `${issue.column}: ${text}` : text;
}
