import { FIELD_CATALOG, type FieldGroup } from '../../../../shared/catalog/field-catalog';
import type { ProfileV1 } from '../../../../shared/profile/profile-types';
import { contactSlots, customNames } from './profile-edit';

export interface FieldOption {
  target: string;
  label: string;
  /** Lists (e-mails, phones) take several columns; the rest take one column or one constant. */
  list: boolean;
}

export const GROUPS: readonly FieldGroup[] = ['project', 'business', 'contact', 'custom'];

/**
 * The picker's choices, grouped as the user thinks of them. Labels come from the field catalog in
 * the UI language; a second contact is offered once the first is in use.
 */
export function fieldOptions(profile: ProfileV1, lang: string): Record<FieldGroup, FieldOption[]> {
  const pick = (l: { en: string; hu: string }): string => (lang === 'hu' ? l.hu : l.en);
  const out: Record<FieldGroup, FieldOption[]> = { project: [], business: [], contact: [], custom: [] };
  const slots = contactSlots(profile);
  for (const c of FIELD_CATALOG) {
    // The address type is a fixed word per address block, not a column.
    if (c.path === 'business.Addresses[].Type') continue;
    if (c.path.startsWith('contacts[]')) continue;
    out[c.group].push({ target: c.path.replace('[]', '[0]'), label: pick(c.label), list: c.list === true });
  }
  for (let i = 0; i < slots; i++) {
    for (const c of FIELD_CATALOG.filter((x) => x.path.startsWith('contacts[]'))) {
      const label = i === 0 ? pick(c.label) : `${pick(c.label)} (${i + 1})`;
      out.contact.push({ target: c.path.replace('[]', `[${i}]`), label, list: c.list === true });
    }
  }
  for (const name of customNames(profile)) out.custom.push({ target: `custom.${name}`, label: name, list: false });
  return out;
}

/** Label of any target, including custom ones not in the catalog. */
export function targetLabel(options: Record<FieldGroup, FieldOption[]>, target: string): string {
  for (const g of GROUPS) {
    const o = options[g].find((x) => x.target === target);
    if (o) return o.label;
  }
  return target.replace(/^custom\./, '');
}

/** Fields that can take a fixed value (lists cannot). */
export function constantTargets(options: Record<FieldGroup, FieldOption[]>): FieldOption[] {
  return GROUPS.flatMap((g) => options[g].filter((o) => !o.list));
}
