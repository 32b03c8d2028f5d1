import { isMessageCode, type CodedMessage } from '../../../../shared/domain/message-codes';
import type {
  CardCheck, CardStatus, VerificationCounts, VerificationDetail, VerificationState, VerificationSummary,
} from '../../../../shared/domain/verification';
import { nowIso, type Db } from '../sql-util';

interface VerificationRow {
  id: number;
  run_id: number;
  state: VerificationState;
  started_at: string;
  finished_at: string | null;
  sent: number;
  sample_size: number;
  attempt: number;
  attempts: number;
  next_try_at: string | null;
  error_code: string | null;
  error: string | null;
  error_params_json: string | null;
  owner_pid: number | null;
}

interface CardRow {
  seq: number;
  project_id: string;
  picked: number;
  status: CardStatus;
  note: CardCheck['note'];
  minicrm_id: string | null;
  matched: number;
  fields_json: string | null;
  checked_at: string | null;
}

export interface VerificationPatch {
  state?: VerificationState;
  sent?: number;
  sampleSize?: number;
  attempt?: number;
  attempts?: number;
  nextTryAt?: string | null;
  problem?: CodedMessage | null;
  finishedAt?: string | null;
}

const STATUS_KEY: Record<CardStatus, keyof VerificationCounts> = {
  pending: 'pending', match: 'match', differs: 'differs', missing: 'missing', 'not-comparable': 'notComparable',
};

function toCard(r: CardRow): CardCheck {
  return {
    projectId: r.project_id, picked: r.picked === 1, status: r.status, note: r.note, minicrmId: r.minicrm_id,
    matched: r.matched, fields: r.fields_json ? (JSON.parse(r.fields_json) as CardCheck['fields']) : [], checkedAt: r.checked_at,
  };
}

/** Checks of delivered runs against MiniCRM: one row per check, one per card it looked at. */
export class VerificationRepository {
  private readonly upsertCard;

  constructor(private readonly db: Db) {
    this.upsertCard = db.prepare(
      `INSERT INTO verification_cards (verification_id, seq, project_id, picked, status, note, minicrm_id, matched, fields_json, checked_at)
       VALUES (@id, @seq, @projectId, @picked, @status, @note, @minicrmId, @matched, @fields, @checkedAt)
       ON CONFLICT(verification_id, seq) DO UPDATE SET status = excluded.status, note = excluded.note, minicrm_id = excluded.minicrm_id,
         matched = excluded.matched, fields_json = excluded.fields_json, checked_at = excluded.checked_at`,
    );
  }

  create(runId: number, startedAt: string = nowIso()): number {
    return Number(this.db
      .prepare("INSERT INTO verifications (run_id, state, started_at, owner_pid) VALUES (?, 'running', ?, ?)")
      .run(runId, startedAt, process.pid).lastInsertRowid);
  }

  update(id: number, p: VerificationPatch): void {
    const sets: string[] = [];
    const values: unknown[] = [];
    const set = (col: string, v: unknown) => { sets.push(`${col} = ?`); values.push(v); };
    if (p.state !== undefined) set('state', p.state);
    if (p.sent !== undefined) set('sent', p.sent);
    if (p.sampleSize !== undefined) set('sample_size', p.sampleSize);
    if (p.attempt !== undefined) set('attempt', p.attempt);
    if (p.attempts !== undefined) set('attempts', p.attempts);
    if (p.nextTryAt !== undefined) set('next_try_at', p.nextTryAt);
    if (p.finishedAt !== undefined) set('finished_at', p.finishedAt);
    if (p.problem !== undefined) {
      set('error_code', p.problem?.code ?? null);
      set('error', p.problem?.message ?? null);
      set('error_params_json', p.problem?.params ? JSON.stringify(p.problem.params) : null);
    }
    if (sets.length === 0) return;
    this.db.prepare(`UPDATE verifications SET ${sets.join(', ')} WHERE id = ?`).run(...values, id);
  }

  /** The cards of a check, in order (all pending at first); one transaction. */
  setCards(id: number, cards: ReadonlyArray<{ projectId: string; picked: boolean }>): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM verification_cards WHERE verification_id = ?').run(id);
      cards.forEach((c, seq) => this.saveCard(id, seq, { ...c, status: 'pending', note: null, minicrmId: null, matched: 0, fields: [], checkedAt: null }));
    }).immediate();
  }

  saveCard(id: number, seq: number, c: CardCheck): void {
    this.upsertCard.run({
      id, seq, projectId: c.projectId, picked: c.picked ? 1 : 0, status: c.status, note: c.note, minicrmId: c.minicrmId,
      matched: c.matched, fields: c.fields.length > 0 ? JSON.stringify(c.fields) : null, checkedAt: c.checkedAt,
    });
  }

  cards(id: number): CardCheck[] {
    return this.db.prepare<[number], CardRow>('SELECT * FROM verification_cards WHERE verification_id = ? ORDER BY seq').all(id).map(toCard);
  }

  get(id: number): VerificationDetail | null {
    const s = this.summary(id);
    return s ? { ...s, cards: this.cards(id) } : null;
  }

  summary(id: number): VerificationSummary | null {
    const r = this.db.prepare<[number], VerificationRow>('SELECT * FROM verifications WHERE id = ?').get(id);
    return r ? this.toSummary(r) : null;
  }

  /** The newest check of each of these runs (History's badges). */
  latestFor(runIds: readonly number[]): Map<number, VerificationSummary> {
    const out = new Map<number, VerificationSummary>();
    const q = this.db.prepare<[number], VerificationRow>('SELECT * FROM verifications WHERE run_id = ? ORDER BY id DESC LIMIT 1');
    for (const runId of runIds) {
      const r = q.get(runId);
      if (r) out.set(runId, this.toSummary(r));
    }
    return out;
  }

  /** Checks left `running` by a process that is gone (closed, crashed): cancelled. Returns their ids. */
  markAbandoned(isAlive: (pid: number) => boolean): number[] {
    const stale = this.db
      .prepare<[], { id: number; owner_pid: number | null }>("SELECT id, owner_pid FROM verifications WHERE state = 'running'")
      .all()
      .filter((r) => r.owner_pid === null || !isAlive(r.owner_pid))
      .map((r) => r.id);
    for (const id of stale) {
      this.update(id, {
        state: 'cancelled', finishedAt: nowIso(), nextTryAt: null,
        problem: { code: 'verify-interrupted', message: 'The app stopped before this check finished.' },
      });
    }
    return stale;
  }

  private toSummary(r: VerificationRow): VerificationSummary {
    const counts: VerificationCounts = { match: 0, differs: 0, missing: 0, notComparable: 0, pending: 0 };
    let checked = 0;
    for (const c of this.db
      .prepare<[number], { status: CardStatus; n: number }>('SELECT status, COUNT(*) AS n FROM verification_cards WHERE verification_id = ? GROUP BY status')
      .all(r.id)) {
      counts[STATUS_KEY[c.status]] += c.n;
      checked += c.n;
    }
    const uncompared = this.db
      .prepare<[number], { n: number }>(
        `SELECT COALESCE(SUM(json_array_length(fields_json)), 0) AS n FROM verification_cards
         WHERE verification_id = ? AND status = 'match' AND fields_json IS NOT NULL`,
      )
      .get(r.id)!.n;
    const problem: CodedMessage | null = r.error !== null
      ? {
          code: isMessageCode(r.error_code) ? r.error_code : 'internal-error', message: r.error,
          ...(r.error_params_json ? { params: JSON.parse(r.error_params_json) as CodedMessage['params'] } : {}),
        }
      : null;
    return {
      id: r.id, runId: r.run_id, state: r.state, startedAt: r.started_at, finishedAt: r.finished_at, sent: r.sent, checked,
      sampleSize: r.sample_size, counts, uncompared, attempt: r.attempt, attempts: r.attempts, nextTryAt: r.next_try_at, problem,
    };
  }
}
