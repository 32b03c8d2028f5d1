import type { RowIssue } from '../../../shared/domain/issue';

/** Keeps the first `limit` issues in memory while counting all of them exactly. */
export class IssueCollector {
  readonly list: RowIssue[] = [];
  errors = 0;
  warnings = 0;
  truncated = false;

  constructor(private readonly limit: number) {}

  addAll(issues: readonly RowIssue[]): void {
    for (const issue of issues) {
      if (issue.severity === 'error') this.errors++;
      else this.warnings++;
      if (this.list.length < this.limit) this.list.push(issue);
      else this.truncated = true;
    }
  }
}
