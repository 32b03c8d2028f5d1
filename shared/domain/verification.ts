/**
 * After a sync: checking cards back in MiniCRM (R3 reads) against what a run sent, and undoing a
 * delivered run with a restore feed. Plain data shared by main, the CLI and the renderer.
 */
import type { CodedMessage } from './message-codes';
import type { FieldChange } from './run';

/**
 * A card's result. `pending`: not looked at yet (or still waiting for MiniCRM's import); `missing`:
 * not in MiniCRM when the check ended ("not there yet"), or still holding the values from before
 * this run (`note: 'old-values'`).
 */
export type CardStatus = 'pending' | 'match' | 'differs' | 'missing' | 'not-comparable';

/**
 * Why a field (or a whole card) could not be compared. Never counted as a match:
 * not-read: MiniCRM's R3 API does not give this value back (contacts, addresses, other e-mails);
 * not-returned: the answer lacked the field; unknown-field: the schema does not describe it and the
 * values differ; unknown-option: a dropdown value the schema does not list; format: a value that
 * cannot be read as its type (date, number, phone); later-run: a later sync changed this field;
 * several-cards: more than one card carries the Reference Id.
 */
export type NotComparableReason =
  | 'not-read' | 'not-returned' | 'unknown-field' | 'unknown-option' | 'format' | 'later-run' | 'several-cards';

export interface FieldCheck {
  /** Flat path as in the change preview (`Name`, `Business.Phones[0].Value`, `Enum1221`). */
  field: string;
  outcome: 'differs' | 'not-comparable';
  sent: string;
  /** What MiniCRM holds (null: nothing / not read). */
  found: string | null;
  reason?: NotComparableReason;
}

export interface CardCheck {
  projectId: string;
  /** Chosen by the user (beside the random sample). */
  picked: boolean;
  status: CardStatus;
  /** 'old-values': MiniCRM still shows what the card held before this run; 'deleted': the card is deleted in MiniCRM. */
  note: 'old-values' | 'deleted' | NotComparableReason | null;
  minicrmId: string | null;
  /** Fields that matched. */
  matched: number;
  /** Fields that differ or could not be compared. */
  fields: FieldCheck[];
  checkedAt: string | null;
}

export type VerificationState = 'running' | 'done' | 'cancelled' | 'failed';

export interface VerificationCounts {
  match: number;
  differs: number;
  missing: number;
  notComparable: number;
  pending: number;
}

export interface VerificationSummary {
  id: number;
  runId: number;
  state: VerificationState;
  startedAt: string;
  finishedAt: string | null;
  /** Cards the run sent. */
  sent: number;
  /** Cards in this check (all of a small run, else the sample plus the picked ones). */
  checked: number;
  /** The random sample size asked for (0: every card). */
  sampleSize: number;
  counts: VerificationCounts;
  /** Fields of matching cards that could not be compared (shown beside the match count). */
  uncompared: number;
  /** Pass number (1-based) and how many the schedule allows. */
  attempt: number;
  attempts: number;
  /** While waiting for MiniCRM's import: when the next pass starts. */
  nextTryAt: string | null;
  problem: CodedMessage | null;
}

export interface VerificationDetail extends VerificationSummary {
  cards: CardCheck[];
}

/** What History shows beside a run: its latest check, the run it undoes, and the restores of it. */
export interface RunAnnotation {
  runId: number;
  check: VerificationSummary | null;
  /** This run is a restore of that run. */
  undoes: number | null;
  /** Restore runs made for this run, newest first. */
  undoneBy: number[];
}

/**
 * What a restore cannot put back, or leaves alone: `created` cards the undone run made (XML cannot
 * delete), `empty-before` values the undone run filled in (MiniCRM keeps a value a feed leaves out,
 * so XML cannot empty it), `changed-since` fields a later sync changed again (left as they are).
 */
export interface UndoNote {
  kind: 'created' | 'empty-before' | 'changed-since';
  projectId: string;
  /** Null for a created card. */
  field: string | null;
  /** The value the undone run set. */
  runValue: string | null;
  /** The delivered value now (changed-since). */
  now: string | null;
}

export interface RestoreCounts {
  /** Cards the restore feed puts back, and their fields. */
  cards: number;
  fields: number;
  created: number;
  emptyBefore: number;
  changedSince: number;
}

export interface RestoreSummary {
  /** The restore run (kind `restore`) and the run it undoes. */
  runId: number;
  undoes: number;
  /** The newest delivered run when it was worked out: a later delivery makes it outdated. */
  basedOn: number;
  counts: RestoreCounts;
  /** Per card: now -> after the restore (the first ones; see truncated). */
  changes: Array<{ id: string; changes: FieldChange[] }>;
  /** The first notes of each kind (the export has all). */
  notes: UndoNote[];
  truncated: boolean;
}
