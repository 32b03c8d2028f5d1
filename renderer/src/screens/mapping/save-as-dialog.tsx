import { useId, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../components/notice';
import type { SaveQuestion } from './save-choice';

interface Props {
  /** The name offered for the new profile. */
  suggested: string;
  /** Why Save asks (null: the user chose "Save as new profile" themselves: no update offered). */
  question: SaveQuestion | null;
  /** A refusal of the last try (a name already taken), in the user's language. */
  error: string | null;
  busy: boolean;
  onSaveNew(name: string): void;
  onUpdate(): void;
  onCancel(): void;
}

/**
 * "Save as new profile" with its name, and, when Save asked because the saved profile could lose its
 * layout, "Update <name>" beside it. Enter in the name field saves a new profile (it never overwrites);
 * Escape cancels. Modal like ConfirmDialog, so the keyboard stays inside it.
 */
export function SaveAsDialog({ suggested, question, error, busy, onSaveNew, onUpdate, onCancel }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [name, setName] = useState(suggested);

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const stored = question?.storedName ?? '';
  return (
    <dialog
      ref={ref}
      className="confirm-dialog wide"
      aria-labelledby={titleId}
      data-testid="save-as-dialog"
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <form onSubmit={(e) => { e.preventDefault(); if (name.trim() !== '' && !busy) onSaveNew(name.trim()); }}>
        <h2 id={titleId}>{question ? t('mapping.profiles.askTitle', { name: stored }) : t('mapping.profiles.newTitle')}</h2>
        {question && question.missing.length > 0 && (
          <p>{t('mapping.profiles.missing', { name: stored, columns: question.missing.join(', ') })}</p>
        )}
        {question?.renamedTo != null && <p>{t('mapping.profiles.renamed', { name: stored, newName: question.renamedTo })}</p>}
        {error && <Notice kind="error">{error}</Notice>}
        <label className="field">
          <span>{t('mapping.profiles.newName')}</span>
          <input value={name} autoFocus onChange={(e) => setName(e.target.value)} disabled={busy} />
        </label>
        <div className="actions">
          <button type="button" className="btn" disabled={busy} onClick={onCancel}>{t('app.cancel')}</button>
          {question && (
            <button type="button" className="btn" disabled={busy} onClick={onUpdate}>{t('mapping.profiles.update', { name: stored })}</button>
          )}
          <button type="submit" className="btn primary" disabled={busy || name.trim() === ''}>{t('mapping.profiles.saveNew')}</button>
        </div>
      </form>
    </dialog>
  );
}
