/**
 * What "no Hungarian label left" means for the English UI: every fixed piece of Hungarian UI text
 * (language file and field catalogue labels, around their {{placeholders}}) that is not also
 * English and is not part of the user's own file (its headers may be Hungarian words).
 */
import type { Page } from 'playwright-core';
import { FIELD_CATALOG } from '../../../shared/catalog/field-catalog';
import { en } from '../../../renderer/src/i18n/en';
import { hu } from '../../../renderer/src/i18n/hu';

const values = (o: object): string[] => Object.values(o).flatMap((v) => (typeof v === 'string' ? [v] : values(v as object)));
const pieces = (s: string): string[] => s.split(/\{\{\w+\}\}/).map((p) => p.trim()).filter((p) => p.length >= 5);

export function hungarianOnly(userText: string): string[] {
  const english = [...values(en), ...FIELD_CATALOG.map((f) => f.label.en)].join('\n');
  return [...new Set([...values(hu), ...FIELD_CATALOG.map((f) => f.label.hu)].flatMap(pieces))]
    .filter((p) => !english.includes(p) && !userText.includes(p));
}

/** Everything a user can see or hear: body text, option labels, title, aria-labels, tooltips, placeholders. */
export function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const opts = [...document.querySelectorAll('option, optgroup')].map((o) => (o instanceof HTMLOptGroupElement ? o.label : o.textContent ?? ''));
    const attrs = [...document.querySelectorAll('[aria-label], [title], [placeholder]')].flatMap((e) => ['aria-label', 'title', 'placeholder'].map((a) => e.getAttribute(a) ?? ''));
    return [document.title, document.body.innerText, ...opts, ...attrs].join('\n');
  });
}
