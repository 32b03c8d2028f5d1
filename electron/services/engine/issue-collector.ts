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
      if (this.list.length < this.limit) this.list.push(detachIssue(issue));
      else this.truncated = true;
    }
  }
}

/**
 * A kept issue must not keep the reader's 256 KB chunk alive through its value (or the message
 * built around it): V8 substrings point into their parent. A copy of its own cuts the link.
 */
const own = (s: string): string => (s.length < 13 ? s : (' ' + s).slice(1));

function detachIssue(i: RowIssue): RowIssue {
  return { ...i, value: own(i.value), message: own(i.message), column: own(i.column) };
}
