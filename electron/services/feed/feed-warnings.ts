import type { RowIssue } from '../../../shared/domain/issue';
import type { FeedProject } from '../../../shared/domain/project';
import { flattenProject } from '../delta/field-paths';
import { hasForbiddenXmlChars } from './xml-text';

/**
 * The rare path: a project had characters XML cannot carry. Finds which fields, for the warnings.
 * (Validation normally reports these with row numbers first; this is the writer's safety net.)
 */
export function forbiddenCharIssues(p: FeedProject): RowIssue[] {
  const issues: RowIssue[] = [];
  const check = (field: string, value: string): void => {
    if (!hasForbiddenXmlChars(value)) return;
    issues.push({
      row: 0,
      column: '',
      field,
      value,
      severity: 'warning',
      code: 'forbidden-characters',
      message: `Project ${JSON.stringify(p.Id)}: characters XML cannot carry (control characters or broken surrogates) were removed from ${field}.`,
      params: { projectId: p.Id, field },
    });
  };
  check('Id', p.Id);
  for (const [field, value] of Object.entries(flattenProject(p))) check(field, value);
  return issues;
}
