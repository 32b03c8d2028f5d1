import { useCallback, useEffect, useRef, useState } from 'react';
import type { CheckRow } from '../../../../shared/ipc/contract';
import { api } from '../../api';

export const PAGE_SIZE = 200;

/**
 * Rows of the validation session, fetched from main a page at a time as the grid scrolls (the
 * renderer never holds all 100,000 rows). Pages live in state so edits re-render the right row.
 * The grid is keyed by session + filter, so a new filter starts with a fresh, empty cache.
 */
export function useRowPages(sessionId: string, onlyProblems: boolean) {
  const [total, setTotal] = useState<number | null>(null);
  const [pages, setPages] = useState<ReadonlyMap<number, CheckRow[]>>(new Map());
  const pending = useRef(new Set<number>());
  const [version, setVersion] = useState(0);

  const load = useCallback((page: number) => {
    if (pending.current.has(page)) return;
    pending.current.add(page);
    api().checkRows({ sessionId, onlyProblems, offset: page * PAGE_SIZE, limit: PAGE_SIZE }).then(
      (res) => {
        setTotal(res.total);
        setPages((m) => new Map(m).set(page, res.rows));
      },
      (err: unknown) => {
        pending.current.delete(page);
        console.error('check:rows failed', err);
      },
    );
  }, [sessionId, onlyProblems]);

  useEffect(() => {
    load(0);
  }, [load]);

  /** Makes sure the pages covering rows [from, to] are (being) loaded. */
  const ensure = useCallback((from: number, to: number) => {
    for (let p = Math.floor(from / PAGE_SIZE); p <= Math.floor(to / PAGE_SIZE); p++) load(p);
  }, [load]);

  const rowAt = (index: number): CheckRow | undefined => pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];

  /** Puts a re-checked row in place (it stays visible even if it has no problems any more). */
  const replaceRow = useCallback((row: CheckRow) => {
    setPages((m) => {
      const next = new Map(m);
      for (const [k, rows] of m) {
        const i = rows.findIndex((r) => r.row === row.row);
        if (i >= 0) next.set(k, rows.map((r, j) => (j === i ? row : r)));
      }
      return next;
    });
  }, []);

  /**
   * A row left the session (a forgotten kept row): every row after it moves up one place, so the
   * page holding it and all later pages are fetched again (the grid asks for the visible ones).
   */
  const dropRow = useCallback((row: number) => {
    setPages((m) => {
      const at = [...m].find(([, rows]) => rows.some((r) => r.row === row))?.[0];
      if (at === undefined) return m;
      for (const p of [...pending.current]) if (p >= at) pending.current.delete(p);
      return new Map([...m].filter(([p]) => p < at));
    });
    setTotal((n) => (n === null ? n : n - 1));
  }, []);

  /** Many rows changed in main at once (all rows with errors left out, or that undone): fetch them again. */
  const refresh = useCallback(() => {
    pending.current.clear();
    setPages(new Map());
    setVersion((v) => v + 1);
  }, []);

  return { total, rowAt, ensure, replaceRow, dropRow, refresh, version };
}
