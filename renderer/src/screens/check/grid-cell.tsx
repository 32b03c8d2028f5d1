import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Severity } from '../../../../shared/domain/issue';

interface Props {
  row: number;
  /** A restored parked row's name (its earlier file and row); its number here means nothing to users. */
  rowName?: string;
  column: string;
  col: number;
  value: string;
  severity: Severity | null;
  edited: boolean;
  problem: string | undefined;
  /** This cell is the grid's one keyboard stop (roving tabindex). */
  active: boolean;
  onCommit(value: string): Promise<void>;
}

/**
 * A grid cell: Enter (or a click) edits; Enter saves and re-checks the row, Escape cancels. Either way
 * the keyboard stays on this cell, so the next arrow key or Enter goes on from here.
 */
export function GridCell({ row, rowName, column, col, value, severity, edited, problem, active, onCommit }: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);
  // A ref, not state: the input's blur (it is disabled while saving) must see the save in progress at once.
  const busy = useRef(false);
  const label = rowName ? t('check.editParked', { column, rowName }) : t('check.edit', { column, row });
  const cls = `cell${severity ? ` ${severity}` : ''}${edited ? ' edited' : ''}`;

  useEffect(() => {
    if (draft === null && refocus.current) {
      refocus.current = false;
      button.current?.focus();
    }
  }, [draft]);

  if (draft !== null) {
    const close = (again: boolean) => {
      refocus.current = again;
      setDraft(null);
    };
    const commit = async (again: boolean) => {
      if (busy.current) return;
      if (draft === value) { close(again); return; }
      busy.current = true;
      setSaving(true);
      try {
        await onCommit(draft);
        close(again);
      } finally {
        busy.current = false;
        setSaving(false);
      }
    };
    return (
      <div role="gridcell" className={`${cls} editing`}>
        <input
          aria-label={label}
          value={draft}
          disabled={saving}
          autoFocus
          onChange={(e) => setDraft(e.target.value)}
          onBlur={() => void commit(false)}
          onKeyDown={(e) => {
            e.stopPropagation();
            if (e.key === 'Enter') { e.preventDefault(); void commit(true); }
            if (e.key === 'Escape') { e.preventDefault(); close(true); }
          }}
        />
      </div>
    );
  }
  return (
    <div role="gridcell" className={cls}>
      <button
        ref={button}
        type="button"
        className="cell-button"
        data-col={col}
        tabIndex={active ? 0 : -1}
        aria-label={`${label}: ${value}`}
        title={problem ?? value}
        onClick={() => setDraft(value)}
      >
        {value}
      </button>
    </div>
  );
}
