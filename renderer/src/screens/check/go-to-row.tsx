import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

/** "Go to row": the spreadsheet's own row number, so a row named in an e-mail or another program is one step away. */
export function GoToRow({ onGo }: { onGo(row: number): void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  const id = useId();
  const row = Number(value.replace(/[\s.,\u00a0]/g, ''));
  const valid = Number.isInteger(row) && row >= 1;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (valid) onGo(row);
  };
  return (
    <form className="go-to-row" onSubmit={submit}>
      <label htmlFor={id}>{t('check.goToRow')}</label>
      <input id={id} type="text" inputMode="numeric" size={9} value={value} onChange={(e) => setValue(e.target.value)} />
      <button type="submit" className="btn small" disabled={!valid}>{t('check.goToRowGo')}</button>
    </form>
  );
}
