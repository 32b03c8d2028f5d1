/**
 * Undoing one card a delivered run changed: for every field the run changed, the value it
 * overwrote goes back, but only where the card still holds the run's value (a later sync may have
 * changed it again: left alone). As in the delivered state (delta/field-state.ts), a list (the
 * company's e-mails, phones, addresses; the contacts) is one field: it goes back as a whole. A
 * value that was empty before cannot be emptied by a feed (MiniCRM keeps what a feed leaves out):
 * it is listed for the user to clear by hand.
 */
import type { FieldChange } from '../../../shared/domain/run';
import type { UndoNote } from '../../../shared/domain/verification';

type Flat = Readonly<Record<string, string>>;

export interface CardPlan {
  /** The card as the restore feed sends it (its delivered state now, with the old values put back); null: nothing to put back. */
  restored: Record<string, string> | null;
  /** now -> after the restore, per value put back. */
  changes: FieldChange[];
  notes: UndoNote[];
}

/** The field a flat path belongs to: a list's name (`Business.Emails`, `Contacts`) or the path itself. */
const fieldOf = (path: string): string => {
  const i = path.indexOf('[');
  return i < 0 ? path : path.slice(0, i);
};

function part(flat: Flat | null, field: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (flat) for (const [k, v] of Object.entries(flat)) if (fieldOf(k) === field) out[k] = v;
  return out;
}

function same(a: Flat, b: Flat): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
}

/** A list in one line for the notes: its values in order. */
const shown = (p: Flat): string | null => {
  const values = Object.entries(p).filter(([k]) => !/\.(Type|Default)$/.test(k)).map(([, v]) => v);
  return values.length > 0 ? values.join('; ') : null;
};

/**
 * `sent`: what the undone run delivered; `before`: the delivered state it replaced; `now`: the
 * delivered state today (null: unknown, every field then counts as changed since).
 */
export function planCard(projectId: string, sent: Flat, before: Flat, now: Flat | null): CardPlan {
  const restored: Record<string, string> = { ...(now ?? {}) };
  const changes: FieldChange[] = [];
  const notes: UndoNote[] = [];
  for (const field of new Set(Object.keys(sent).map(fieldOf))) {
    const s = part(sent, field);
    const b = part(before, field);
    if (same(s, b)) continue;
    const c = part(now, field);
    const list = !Object.hasOwn(s, field);
    if (!same(c, s)) {
      notes.push({ kind: 'changed-since', projectId, field, runValue: list ? shown(s) : s[field]!, now: list ? shown(c) : (c[field] ?? null) });
    } else if (Object.keys(b).length === 0) {
      notes.push({ kind: 'empty-before', projectId, field, runValue: list ? shown(s) : s[field]!, now: list ? shown(c) : (c[field] ?? null) });
    } else {
      for (const k of Object.keys(c)) delete restored[k];
      Object.assign(restored, b);
      for (const k of new Set([...Object.keys(c), ...Object.keys(b)])) {
        if (c[k] !== b[k]) changes.push({ field: k, before: c[k] ?? null, after: b[k] ?? null });
      }
    }
  }
  return { restored: changes.length > 0 ? restored : null, changes, notes };
}
