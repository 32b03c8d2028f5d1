import type { RowIssue } from '../../../shared/domain/issue';
import { detachString } from '../reader/cell-values';

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
      if (this.list.length < this.limit) this.list.push(detachIssue(issue));
      else this.truncated = true;
    }
  }
}

/**
 * A kept issue must not keep the reader's chunk alive through its value (or the message
 * built around it): V8 substrings point into their parent (see detachString).
 */
function detachIssue(i: RowIssue): RowIssue {
  return { ...i, value: detachString(i.value), message: detachString(i.message), column: detachString(i.column) };
}
