import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Severity } from '../../../../shared/domain/issue';

interface Props {
  row: number;
  /** A restored parked row's name (its earlier file and row); its number here means nothing to users. */
  rowName?: string;
  column: string;
  value: string;
  severity: Severity | null;
  edited: boolean;
  problem: string | undefined;
  onCommit(value: string): Promise<void>;
}

/** A grid cell: press Enter (or double-click) to edit; Enter saves and re-checks the row, Escape cancels. */
export function GridCell({ row, rowName, column, value, severity, edited, problem, onCommit }: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const label = rowName ? t('check.editParked', { column, rowName }) : t('check.edit', { column, row });
  const cls = `cell${severity ? ` ${severity}` : ''}${edited ? ' edited' : ''}`;

  if (draft !== null) {
    const commit = async () => {
      if (draft === value) { setDraft(null); return; }
      setSaving(true);
      try {
        await onCommit(draft);
        setDraft(null);
      } finally {
        setSaving(false);
      }
    };
    return (
      <div role="cell" className={`${cls} editing`}>
        <input
          aria-label={label}
          value={draft}
          disabled={saving}
          autoFocus
          onChange={(e) => setDraft(e.target.value)}
          onBlur={() => void commit()}
          onKeyDown={(e) => {
            if (e.key === 'Enter') { e.preventDefault(); void commit(); }
            if (e.key === 'Escape') { e.preventDefault(); setDraft(null); }
          }}
        />
      </div>
    );
  }
  return (
    <div role="cell" className={cls}>
      <button
        type="button"
        className="cell-button"
        aria-label={`${label}: ${value}`}
        title={problem ?? value}
        onClick={() => setDraft(value)}
      >
        {value}
      </button>
    </div>
  );
}
