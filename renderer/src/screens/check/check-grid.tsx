import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { CheckCounts, CheckRow, CheckSession } from '../../../../shared/ipc/contract';
import { api } from '../../api';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { issueText } from '../../components/issue-text';
import { rowLabel } from '../../components/row-label';
import { GridCell } from './grid-cell';
import { useRowPages } from './use-row-pages';

interface Props {
  sessionId: string;
  headers: readonly string[];
  /** Parked rows came back: the row column is wide enough to name their file. */
  restored: boolean;
  onlyProblems: boolean;
  onCounts(c: CheckCounts): void;
  /** A kept row was forgotten for good: the session without it, and the row's name to tell the user. */
  onForgotten(session: CheckSession, rowName: string): void;
  onError(err: unknown): void;
}

const ROW_HEIGHT = 38;

/** The virtualised grid of all rows: only the visible ones are in the DOM, pages come from main. */
export function CheckGrid({ sessionId, headers, restored, onlyProblems, onCounts, onForgotten, onError }: Props) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const { total, rowAt, ensure, replaceRow, dropRow } = useRowPages(sessionId, onlyProblems);
  /** The kept row the user asked to forget (the confirmation is open), and whether main is at it. */
  const [forgetting, setForgetting] = useState<{ row: number; name: string; busy: boolean } | null>(null);
  const count = total ?? 0;
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    if (count > 0) ensure(first, last);
  }, [first, last, count, ensure]);

  // Problems sit right after the row number so they are visible without scrolling sideways.
  const rowWidth = restored ? 200 : 72;
  // Kept rows also have a "Forget" button beside their leave-out box.
  const actionWidth = restored ? 210 : 120;
  const columns = `${rowWidth}px ${actionWidth}px minmax(300px, 2fr) repeat(${headers.length}, minmax(150px, 1fr))`;

  const edit = async (row: number, column: string, value: string) => {
    try {
      const res = await api().checkEditCell({ sessionId, row, column, value });
      replaceRow(res.row);
      onCounts(res.counts);
    } catch (err) {
      onError(err);
    }
  };
  const exclude = async (r: CheckRow, excluded: boolean) => {
    // Optimistic: the box follows the click at once and goes back if main refuses.
    replaceRow({ ...r, excluded });
    try {
      onCounts(await api().checkExcludeRows({ sessionId, rows: [r.row], excluded }));
    } catch (err) {
      replaceRow(r);
      onError(err);
    }
  };

  const forgetButton = (row: number) => scrollRef.current?.querySelector<HTMLButtonElement>(`[data-row="${row}"] .forget-button`);
  const cancelForget = () => {
    const row = forgetting?.row;
    setForgetting(null);
    // Back to the button that opened the question, for keyboard users.
    if (row !== undefined) requestAnimationFrame(() => forgetButton(row)?.focus());
  };
  const forget = async () => {
    if (!forgetting) return;
    setForgetting({ ...forgetting, busy: true });
    try {
      const session = await api().checkDiscardKept({ sessionId, row: forgetting.row });
      dropRow(forgetting.row);
      setForgetting(null);
      onForgotten(session, forgetting.name);
      // The row and its button are gone: the keyboard continues in the grid.
      scrollRef.current?.focus();
    } catch (err) {
      setForgetting(null);
      onError(err);
    }
  };

  if (total === 0) return <p className="muted panel">{t('check.empty')}</p>;

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
      <div className="grid-scroll" ref={scrollRef} style={{ height: `${Math.min(460, 44 + Math.max(count, 3) * ROW_HEIGHT)}px` }} role="region" aria-label={t('check.gridLabel')} tabIndex={-1}>
        <div role="table" aria-rowcount={count + 1} className="grid" style={{ minWidth: `${rowWidth + actionWidth + 300 + headers.length * 150}px` }}>
          <div role="row" aria-rowindex={1} className="grid-row grid-head" style={{ gridTemplateColumns: columns }}>
            <div role="columnheader">{t('check.row')}</div>
            <div role="columnheader">{t('check.exclude')}</div>
            <div role="columnheader">{t('check.problems')}</div>
            {headers.map((h, i) => <div role="columnheader" key={i} title={h}>{h}</div>)}
          </div>
          <div className="grid-body" style={{ height: `${virtualizer.getTotalSize()}px` }}>
            {total === null && <p className="muted grid-loading">{t('check.loading')}</p>}
            {items.map((v) => {
              const r = rowAt(v.index);
              const style = { gridTemplateColumns: columns, height: `${ROW_HEIGHT}px`, transform: `translateY(${v.start}px)` };
              if (!r) return <div key={v.key} role="row" aria-rowindex={v.index + 2} className="grid-row placeholder" style={style} />;
              const problems = r.issues.map((i) => issueText(i, t));
              const hasError = r.issues.some((i) => i.severity === 'error');
              const label = rowLabel(r.row, r.origin, t);
              return (
                <div
                  key={v.key}
                  role="row"
                  aria-rowindex={v.index + 2}
                  data-row={r.row}
                  className={`grid-row${r.origin ? ' restored' : ''}${r.excluded ? ' excluded' : ''}${hasError ? ' has-error' : r.issues.length ? ' has-warning' : ''}`}
                  style={style}
                >
                  <div role="rowheader" className="rownum" title={r.origin ? label : undefined}>{r.origin ? label : r.row}</div>
                  <div role="cell" className="cell center">
                    <label className="check-label">
                      <input type="checkbox" checked={r.excluded} onChange={(e) => void exclude(r, e.target.checked)} />
                      <span className="sr-only">{t('check.exclude')} {r.origin ? label : r.row}</span>
                      {r.excluded && <span className="tag" aria-hidden="true">{t('check.excluded')}</span>}
                    </label>
                    {r.origin && (
                      <button
                        type="button"
                        className="btn small ghost forget-button"
                        aria-label={t('check.forgetLabel', { rowName: label })}
                        title={t('check.forgetHelp')}
                        onClick={() => setForgetting({ row: r.row, name: label, busy: false })}
                      >
                        {t('check.forget')}
                      </button>
                    )}
                  </div>
                  <div role="cell" className="cell problems" title={problems.join('\n')}>
                    {problems.length ? problems.join(' · ') : <span className="muted">{t('check.noProblems')}</span>}
                  </div>
                  {headers.map((h, i) => {
                    const own = r.issues.filter((x) => x.column === h);
                    const sev = own.some((x) => x.severity === 'error') ? 'error' : own.length ? 'warning' : null;
                    return (
                      <GridCell
                        key={i}
                        row={r.row}
                        {...(r.origin ? { rowName: label } : {})}
                        column={h}
                        value={r.cells[i] ?? ''}
                        severity={sev}
                        edited={r.edited.includes(h)}
                        problem={own[0] ? issueText(own[0], t) : undefined}
                        onCommit={(value) => edit(r.row, h, value)}
                      />
                    );
                  })}
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </>
  );
}
