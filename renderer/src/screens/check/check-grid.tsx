import { useCallback, useEffect, useImperativeHandle, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { CellEdit, CheckCounts, CheckRow, CheckSession } from '../../../../shared/ipc/contract';
import { api } from '../../api';
import { formatNumber } from '../../format';
import { useLocale } from '../../components/use-locale';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { FIXED_COLS, GridRow, PROBLEM_COL, rowClass } from './grid-row';
import { useRowPages } from './use-row-pages';

/** What the Check screen asks of the grid: fetch rows again, put one in place, move the keyboard to a row. */
export interface GridHandle {
  refresh(): void;
  replaceRow(row: CheckRow): void;
  focusRow(index: number, col?: number): void;
  activeIndex(): number;
}

interface Props {
  ref?: Ref<GridHandle>;
  sessionId: string;
  headers: readonly string[];
  /** Parked rows came back: the row column is wide enough to name their file. */
  restored: boolean;
  onlyProblems: boolean;
  onCounts(c: CheckCounts): void;
  /** A cell was fixed (with the value it had, for undo). */
  onEdited(edit: CellEdit, before: string): void;
  onExcluded(rows: number[], excluded: boolean): void;
  /** A kept row was forgotten for good: the session without it, its number and its name to tell the user. */
  onForgotten(session: CheckSession, row: number, rowName: string): void;
  onUndo(): void;
  onError(err: unknown): void;
}

const ROW_HEIGHT = 38;
const PAGE_ROWS = 10;
// Browsers cap an element's height near 33.5 million px (~880,000 rows): the scroll bar covers a
// window of the list that slides as the user scrolls near its ends or goes to a row outside it.
const WINDOW_ROWS = 400_000;
const EDGE_ROWS = 1_000;

/** The window's first place so that list place `index` sits in its middle. */
function windowFor(index: number, count: number): number {
  return Math.max(0, Math.min(count - WINDOW_ROWS, index - WINDOW_ROWS / 2));
}

/**
 * The virtualised grid of all rows: only the visible ones are in the DOM, pages come from main. It is
 * one Tab stop (roving tabindex): arrows, Page Up/Down and Home/End move between cells, Enter edits,
 * Space leaves a row out, Ctrl+Z undoes. Row number, leave-out box and problems stay in view when the
 * file's columns scroll sideways; problem text wraps (rows are measured).
 */
export function CheckGrid({ ref, sessionId, headers, restored, onlyProblems, onCounts, onEdited, onExcluded, onForgotten, onUndo, onError }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const scrollRef = useRef<HTMLDivElement>(null);
  const { total, rowAt, ensure, replaceRow, dropRow, refresh, version } = useRowPages(sessionId, onlyProblems);
  const [forgetting, setForgetting] = useState<{ row: number; name: string; busy: boolean } | null>(null);
  const [active, setActive] = useState({ index: 0, col: PROBLEM_COL });
  const pendingFocus = useRef<{ index: number; col: number } | null>(null);
  // A list place to scroll to once the window has moved to hold it.
  const pendingScroll = useRef<{ index: number; align: 'start' | 'center' } | null>(null);
  const count = total ?? 0;
  const [windowStart, setWindowStart] = useState(0);
  const base = Math.max(0, Math.min(windowStart, count - WINDOW_ROWS));
  const windowCount = Math.min(count - base, WINDOW_ROWS);
  const lastCol = FIXED_COLS + headers.length - 1;
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count: Math.max(0, windowCount), getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  // Places in the whole list (the virtualizer counts from the window's start).
  const first = base + (items[0]?.index ?? 0);
  const last = base + (items[items.length - 1]?.index ?? 0);

  useEffect(() => {
    if (count > 0) ensure(first, last);
  }, [first, last, count, ensure, version]);

  const moveWindow = useCallback((start: number, keep: { index: number; align: 'start' | 'center' }) => {
    pendingScroll.current = keep;
    setWindowStart(start);
  }, []);

  // Scrolled near an end of the window while the list goes on: the window slides, the view stays on the same row.
  useEffect(() => {
    if (pendingScroll.current || items.length === 0) return;
    const nearEnd = last >= base + windowCount - EDGE_ROWS && base + windowCount < count;
    const nearStart = first < base + EDGE_ROWS && base > 0;
    // The rows in view go to the window's middle, far from both ends.
    if (nearEnd || nearStart) moveWindow(windowFor(first, count), { index: first, align: 'start' });
  }, [first, last, base, windowCount, count, items.length, moveWindow]);

  useEffect(() => {
    const want = pendingScroll.current;
    if (!want || want.index < base || want.index >= base + windowCount) return;
    pendingScroll.current = null;
    virtualizer.scrollToIndex(want.index - base, { align: want.align });
  }, [base, windowCount, virtualizer]);

  const focusCell = useCallback((index: number, col: number) => {
    const i = Math.max(0, Math.min(count - 1, index));
    const c = Math.max(0, Math.min(lastCol, col));
    setActive({ index: i, col: c });
    pendingFocus.current = { index: i, col: c };
    if (i < base || i >= base + windowCount) moveWindow(windowFor(i, count), { index: i, align: 'center' });
    else virtualizer.scrollToIndex(i - base, { align: 'auto' });
  }, [count, lastCol, virtualizer, base, windowCount, moveWindow]);

  // The cell asked for gets the focus as soon as its row is on screen (its page may still be loading).
  useEffect(() => {
    const want = pendingFocus.current;
    if (!want) return;
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-place="${want.index}"] [data-col="${want.col}"]`);
    if (el) {
      pendingFocus.current = null;
      el.focus();
    }
  });

  useImperativeHandle(ref, () => ({
    refresh,
    replaceRow,
    focusRow: (index, col = PROBLEM_COL) => focusCell(index, col),
    activeIndex: () => active.index,
  }), [refresh, replaceRow, focusCell, active.index]);

  const edit = async (r: CheckRow, column: string, value: string) => {
    const before = r.cells[headers.indexOf(column)] ?? '';
    try {
      const res = await api().checkEditCell({ sessionId, row: r.row, column, value });
      replaceRow(res.row);
      onCounts(res.counts);
      onEdited({ row: r.row, column, value }, before);
    } catch (err) {
      onError(err);
    }
  };
  const exclude = async (r: CheckRow, excluded: boolean) => {
    // Optimistic: the box follows the click at once and goes back if main refuses.
    replaceRow({ ...r, excluded });
    try {
      onCounts(await api().checkExcludeRows({ sessionId, rows: [r.row], excluded }));
      onExcluded([r.row], excluded);
    } catch (err) {
      replaceRow(r);
      onError(err);
    }
  };

  const forgetButton = (row: number) => scrollRef.current?.querySelector<HTMLElement>(`[data-row="${row}"] [data-col="1"]`);
  const cancelForget = () => {
    const row = forgetting?.row;
    setForgetting(null);
    // Back to the row that opened the question, for keyboard users.
    if (row !== undefined) requestAnimationFrame(() => forgetButton(row)?.focus());
  };
  const forget = async () => {
    if (!forgetting) return;
    setForgetting({ ...forgetting, busy: true });
    try {
      const session = await api().checkDiscardKept({ sessionId, row: forgetting.row });
      dropRow(forgetting.row);
      setForgetting(null);
      onForgotten(session, forgetting.row, forgetting.name);
      // The row is gone: the keyboard continues on the row that took its place.
      focusCell(active.index, 1);
    } catch (err) {
      setForgetting(null);
      onError(err);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const target = e.target as HTMLElement;
    if (target instanceof HTMLInputElement && target.type !== 'checkbox') return;
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z') {
      e.preventDefault();
      onUndo();
      return;
    }
    const moves: Record<string, () => [number, number]> = {
      ArrowDown: () => [active.index + 1, active.col],
      ArrowUp: () => [active.index - 1, active.col],
      ArrowRight: () => [active.index, active.col + 1],
      ArrowLeft: () => [active.index, active.col - 1],
      PageDown: () => [active.index + PAGE_ROWS, active.col],
      PageUp: () => [active.index - PAGE_ROWS, active.col],
      Home: () => (e.ctrlKey ? [0, active.col] : [active.index, 0]),
      End: () => (e.ctrlKey ? [count - 1, active.col] : [active.index, lastCol]),
    };
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    const [index, col] = move();
    focusCell(index, col);
  };
  // Focus moved inside by mouse or program: that cell becomes the keyboard stop.
  const onFocus = (e: React.FocusEvent<HTMLDivElement>) => {
    if (e.target === scrollRef.current) { focusCell(active.index, active.col); return; }
    const col = Number((e.target as HTMLElement).dataset.col ?? NaN);
    const index = Number((e.target as HTMLElement).closest<HTMLElement>('[data-place]')?.dataset.place ?? NaN);
    if (Number.isInteger(col) && Number.isInteger(index) && (col !== active.col || index !== active.index)) setActive({ index, col });
  };

  if (total === 0) return <p className="muted panel">{t('check.empty')}</p>;

  // Problems sit right after the row number so they are visible without scrolling sideways.
  const rowWidth = restored ? 200 : 72;
  // Kept rows also have a "Forget" button beside their leave-out box.
  const actionWidth = restored ? 210 : 110;
  const problemWidth = 280;
  const columns = `${rowWidth}px ${actionWidth}px ${problemWidth}px repeat(${headers.length}, minmax(150px, 1fr))`;
  const stickyLeft = { '--left-1': `${rowWidth}px`, '--left-2': `${rowWidth + actionWidth}px` } as React.CSSProperties;
  const activeShown = items.some((v) => base + v.index === active.index) && rowAt(active.index) !== undefined;
  const fmt = (n: number) => formatNumber(n, locale);

  return (
    <>
      {forgetting && (
        <ConfirmDialog
          title={t('check.forgetTitle')}
          confirmLabel={t('check.forgetConfirm')}
          cancelLabel={t('check.forgetKeep')}
          danger
          busy={forgetting.busy}
          onConfirm={() => void forget()}
          onCancel={cancelForget}
        >
          <p><strong>{forgetting.name}</strong></p>
          <p>{t('check.forgetBody')}</p>
        </ConfirmDialog>
      )}
      <div
        className="grid-scroll"
        ref={scrollRef}
        style={{ ...stickyLeft, height: `${Math.min(460, 44 + Math.max(count, 3) * ROW_HEIGHT)}px` }}
        // The grid is one Tab stop: its active cell, or this frame while that row is scrolled away.
        tabIndex={activeShown ? -1 : 0}
        aria-label={t('check.gridLabel')}
        role="region"
        onKeyDown={onKeyDown}
        onFocus={onFocus}
      >
        <div role="grid" aria-label={t('check.gridLabel')} aria-rowcount={count + 1} aria-colcount={lastCol + 1} className="grid" style={{ minWidth: `${rowWidth + actionWidth + problemWidth + headers.length * 150}px` }}>
          <div role="rowgroup" className="grid-head-group">
            <div role="row" aria-rowindex={1} className="grid-row grid-head" style={{ gridTemplateColumns: columns }}>
              <div role="columnheader" className="sticky-col col-0">{t('check.row')}</div>
              <div role="columnheader" className="sticky-col col-1">{t('check.exclude')}</div>
              <div role="columnheader" className="sticky-col col-2">{t('check.problems')}</div>
              {headers.map((h, i) => <div role="columnheader" key={i} title={h}>{h}</div>)}
            </div>
          </div>
          <div role="rowgroup" className="grid-body" style={{ height: `${virtualizer.getTotalSize()}px` }}>
            {total === null && <p className="muted grid-loading">{t('check.loading')}</p>}
            {items.map((v) => {
              const at = base + v.index;
              const r = rowAt(at);
              const style = { gridTemplateColumns: columns, minHeight: `${ROW_HEIGHT}px`, transform: `translateY(${v.start}px)` };
              if (!r) return <div key={v.key} role="row" aria-rowindex={at + 2} data-index={v.index} data-place={at} className="grid-row placeholder" style={{ ...style, height: `${ROW_HEIGHT}px` }} />;
              return (
                <div key={v.key} ref={virtualizer.measureElement} role="row" aria-rowindex={at + 2} data-index={v.index} data-place={at} data-row={r.row} className={rowClass(r)} style={style}>
                  <GridRow
                    r={r}
                    headers={headers}
                    activeCol={active.index === at ? active.col : null}
                    onExclude={(row, excluded) => void exclude(row, excluded)}
                    onForget={(row, name) => setForgetting({ row: row.row, name, busy: false })}
                    onEdit={edit}
                  />
                </div>
              );
            })}
          </div>
        </div>
      </div>
      {count > WINDOW_ROWS && (
        <p className="muted small" data-testid="grid-window">
          {t('check.window', { from: fmt(base + 1), to: fmt(base + windowCount), total: fmt(count) })}
        </p>
      )}
    </>
  );
}
