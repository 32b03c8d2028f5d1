import { useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { foldText } from '../../../../shared/mapping/column-match';

export interface PickerOption {
  /** `project.Name`, `custom.Deadline`, '' (not used), or a command such as the custom-name form. */
  value: string;
  label: string;
  /** A second line: the field's kind ("date", "dropdown: Gold, Silver"). */
  hint?: string;
  group: string;
}

interface Props {
  /** Names the column whose field is chosen (the row's header). */
  labelledBy: string;
  value: string;
  options: readonly PickerOption[];
  onChange(value: string): void;
}

/**
 * A searchable field picker (ARIA 1.2 combobox with a list): type a few letters of the field's name
 * in either language's spelling (accents optional) to narrow the list, arrows to move, Enter to
 * choose, Escape to leave it as it was. Without typing it lists every field, grouped.
 */
export function FieldPicker({ labelledBy, value, options, onChange }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const current = options.find((o) => o.value === value);
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const open = query !== null;
  const shown = useMemo(() => {
    const q = foldText(query ?? '').trim();
    if (!q) return options;
    return options.filter((o) => foldText(`${o.label} ${o.hint ?? ''} ${o.value}`).includes(q));
  }, [options, query]);

  const close = () => { setQuery(null); setActive(0); };
  const choose = (o: PickerOption | undefined) => {
    if (o) onChange(o.value);
    close();
  };
  const optionId = (i: number) => `${id}-opt-${i}`;

  return (
    <div className="field-picker" data-testid="field-picker" data-target={value}>
      <input
        ref={input}
        role="combobox"
        aria-labelledby={labelledBy}
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={open && shown[active] ? optionId(active) : undefined}
        aria-describedby={`${id}-help`}
        value={open ? query : current?.label ?? ''}
        placeholder={t('mapping.pickerPlaceholder')}
        onFocus={(e) => e.currentTarget.select()}
        onClick={() => { if (!open) setQuery(''); }}
        onChange={(e) => { setQuery(e.target.value); setActive(0); }}
        onBlur={() => close()}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            if (!open) { setQuery(''); return; }
            const n = shown.length;
            if (n) setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : n - 1)) % n);
          } else if (e.key === 'Enter') {
            if (!open) return;
            e.preventDefault();
            choose(shown[active]);
          } else if (e.key === 'Escape' && open) {
            e.preventDefault();
            close();
          }
        }}
      />
      <span id={`${id}-help`} className="sr-only">{t('mapping.pickerHelp')}</span>
      {open && (
        <ul id={`${id}-list`} role="listbox" className="picker-list" aria-labelledby={labelledBy}>
          {shown.length === 0 && <li className="muted picker-empty" role="presentation">{t('mapping.pickerNone')}</li>}
          {shown.map((o, i) => (
            <li
              key={o.value}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              className={`${i === active ? 'active' : ''}${o.value === value ? ' current' : ''}`}
              // mousedown, not click: the input must not lose focus (and close the list) first.
              onMouseDown={(e) => { e.preventDefault(); choose(o); }}
            >
              {(i === 0 || shown[i - 1]!.group !== o.group) && <span className="picker-group" aria-hidden="true">{o.group}</span>}
              <span className="picker-label">{o.label}</span>
              {o.hint && <span className="picker-hint muted small">{o.hint}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
