import type { IssueCode, Severity } from '../domain/issue';

/**
 * What a value parser says about one value, without knowing the row or column: the caller turns a
 * `problem` into a RowIssue. Keeping parsers row-free lets the hot path cache their results for
 * values that repeat (statuses, owners, cities, dates).
 */
export interface Problem {
  readonly code: IssueCode;
  readonly severity: Severity;
  /** Completes `"<value>" …`, e.g. `is not an e-mail address.` */
  readonly text: string;
  readonly params?: Record<string, string | number>;
}

export interface Parsed {
  /** The normalised value to write; null when nothing can be written (empty or an error). */
  readonly value: string | null;
  readonly problem?: Problem;
}

export const EMPTY: Parsed = Object.freeze({ value: null });

export const ok = (value: string): Parsed => ({ value });

export const bad = (
  code: IssueCode,
  text: string,
  params?: Record<string, string | number>,
  value: string | null = null,
): Parsed => ({ value, problem: { code, severity: 'error', text, ...(params ? { params } : {}) } });

export const warn = (
  value: string | null,
  code: IssueCode,
  text: string,
  params?: Record<string, string | number>,
): Parsed => ({ value, problem: { code, severity: 'warning', text, ...(params ? { params } : {}) } });
