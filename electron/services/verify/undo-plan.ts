/**
 * Undoing one card a delivered run changed: for every field the run changed, the value it
 * overwrote goes back, but only where the card still holds the run's value (a later sync may have
 * changed it again: left alone). A value that was empty before cannot be emptied by a feed
 * (MiniCRM keeps what a feed leaves out): it is listed for the user to clear by hand.
 */
import type { FieldChange } from '../../../shared/domain/run';
import type { UndoNote } from '../../../shared/domain/verification';

type Flat = Readonly<Record<string, string>>;

export interface CardPlan {
  /** The card as the restore feed sends it (its delivered state now, with the old values put back); null: nothing to put back. */
  restored: Record<string, string> | null;
  /** now -> after the restore, per field put back. */
  changes: FieldChange[];
  notes: UndoNote[];
}

/**
 * `sent`: what the undone run sent; `before`: the delivered state it replaced; `now`: the delivered
 * state today (null: unknown, every field then counts as changed since).
 */
export function planCard(projectId: string, sent: Flat, before: Flat, now: Flat | null): CardPlan {
  const restored: Record<string, string> = { ...(now ?? {}) };
  const changes: FieldChange[] = [];
  const notes: UndoNote[] = [];
  for (const [field, value] of Object.entries(sent)) {
    const was = Object.hasOwn(before, field) ? before[field]! : undefined;
    if (was === value) continue;
    const current = now && Object.hasOwn(now, field) ? now[field]! : null;
    if (current !== value) {
      notes.push({ kind: 'changed-since', projectId, field, runValue: value, now: current });
    } else if (was === undefined) {
      notes.push({ kind: 'empty-before', projectId, field, runValue: value, now: current });
    } else {
      restored[field] = was;
      changes.push({ field, before: current, after: was });
    }
  }
  return { restored: changes.length > 0 ? restored : null, changes, notes };
}
