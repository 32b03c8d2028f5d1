import { useTranslation } from 'react-i18next';
import type { CheckRow } from '../../../../shared/ipc/contract';
import { issueText } from '../../components/issue-text';
import { rowLabel } from '../../components/row-label';
import { GridCell } from './grid-cell';

/** The fixed columns before the file's own: row number, leave-out box, problems. */
export const FIXED_COLS = 3;
export const PROBLEM_COL = 2;

interface Props {
  r: CheckRow;
  headers: readonly string[];
  /** The column of this row that is the grid's keyboard stop, or null when it is in another row. */
  activeCol: number | null;
  onExclude(r: CheckRow, excluded: boolean): void;
  onForget(r: CheckRow, name: string): void;
  onEdit(r: CheckRow, column: string, value: string): Promise<void>;
}

/** One row of the Check grid; every cell can take the keyboard (only the active one is a Tab stop). */
export function GridRow({ r, headers, activeCol, onExclude, onForget, onEdit }: Props) {
  const { t } = useTranslation();
  const problems = r.issues.map((i) => issueText(i, t));
  const label = rowLabel(r.row, r.origin, t);
  const tab = (col: number) => (activeCol === col ? 0 : -1);
  return (
    <>
      <div role="rowheader" className="rownum sticky-col col-0" data-col={0} tabIndex={tab(0)} title={r.origin ? label : undefined}>
        {r.origin ? label : r.row}
      </div>
      <div role="gridcell" className="cell center sticky-col col-1">
        <label className="check-label">
          <input
            type="checkbox"
            data-col={1}
            tabIndex={tab(1)}
            checked={r.excluded}
            onChange={(e) => onExclude(r, e.target.checked)}
            onKeyDown={(e) => {
              // Kept rows: Delete asks to forget the row for good (the button beside the box does the same).
              if (r.origin && e.key === 'Delete') { e.preventDefault(); onForget(r, label); }
            }}
            aria-describedby={r.origin ? `forget-help-${r.row}` : undefined}
          />
          <span className="sr-only">{t('check.exclude')} {r.origin ? label : r.row}</span>
          {r.excluded && <span className="tag" aria-hidden="true">{t('check.excluded')}</span>}
        </label>
        {r.origin && (
          <>
            <span id={`forget-help-${r.row}`} className="sr-only">{t('check.forgetKey')}</span>
            <button
              type="button"
              tabIndex={-1}
              className="btn small ghost forget-button"
              title={t('check.forgetHelp')}
              onClick={() => onForget(r, label)}
            >
              {t('check.forget')}<span className="sr-only"> {label}</span>
            </button>
          </>
        )}
      </div>
      <div role="gridcell" className="cell problems sticky-col col-2" data-col={PROBLEM_COL} tabIndex={tab(PROBLEM_COL)}>
        {problems.length ? problems.map((p, i) => <span key={i} className="problem">{p}</span>) : <span className="no-problem">{t('check.noProblems')}</span>}
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
            col={FIXED_COLS + i}
            value={r.cells[i] ?? ''}
            severity={sev}
            edited={r.edited.includes(h)}
            problem={own[0] ? issueText(own[0], t) : undefined}
            active={activeCol === FIXED_COLS + i}
            onCommit={(value) => onEdit(r, h, value)}
          />
        );
      })}
    </>
  );
}

/** The row's classes: kept from an earlier import, left out, with errors or warnings. */
export function rowClass(r: CheckRow): string {
  const hasError = r.issues.some((i) => i.severity === 'error');
  return `grid-row${r.origin ? ' restored' : ''}${r.excluded ? ' excluded' : ''}${hasError ? ' has-error' : r.issues.length ? ' has-warning' : ''}`;
}
