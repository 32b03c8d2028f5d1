/**
 * axe-core on the screen as it is: no serious or critical violation may remain. Every screen the
 * journeys take a picture of is checked (screens.ts), and the journeys check the screens in between.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

export async function seriousViolations(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page: page as never }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

export async function expectAccessible(page: Page, where: string): Promise<void> {
  const found = await seriousViolations(page);
  if (found.length > 0) throw new Error(`axe on ${where}:\n${found.join('\n')}`);
}
