import { editDistance, foldText } from '../mapping/column-match';
import { bad, type Parsed } from './parsed';

/**
 * Checks against MiniCRM's schema for a category. Values are written as given (name or id both
 * work in MiniCRM); unknown ones are errors because MiniCRM would refuse the whole feed.
 */
export function optionChecker(options: Record<string, string>, what: string): (value: string) => Parsed | null {
  const known = new Set<string>();
  for (const [id, label] of Object.entries(options)) {
    known.add(id.trim());
    known.add(label.normalize('NFC').trim().toLowerCase());
  }
  const labels = Object.values(options);
  return (value) => {
    if (known.has(value) || known.has(value.normalize('NFC').toLowerCase())) return null;
    const f = foldText(value);
    let best = '';
    let bestD = Infinity;
    for (const l of labels) {
      const d = editDistance(f, foldText(l));
      if (d < bestD) {
        bestD = d;
        best = l;
      }
    }
    const hint = best ? ` (closest: "${best}")` : '';
    return bad('unknown-option', `is not a known ${what} in MiniCRM${hint}.`, best ? { closest: best } : undefined);
  };
}

export function lengthChecker(max: number): (value: string) => Parsed | null {
  return (value) =>
    value.length > max
      ? bad('value-too-long', `is ${value.length} characters long; MiniCRM takes at most ${max}.`, { max, length: value.length })
      : null;
}

export const integerChecker = (value: string): Parsed | null =>
  /^-?\d+$/.test(value) ? null : bad('invalid-integer', 'is not a whole number, and this MiniCRM field takes whole numbers only.');
