import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import type { RestoreSummary, UndoNote } from '../../../../shared/domain/verification';
import { nowIso, type Db } from '../sql-util';

// Notes are written once and read only for the export: brotli-compressed JSON per batch of the undone run.
const pack = (notes: readonly UndoNote[]): Buffer =>
  brotliCompressSync(Buffer.from(JSON.stringify(notes)), { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } });
const unpack = (data: Buffer): UndoNote[] => JSON.parse(brotliDecompressSync(data).toString('utf8')) as UndoNote[];

/** Restore runs (kind `restore`): which run each undoes, its summary, and every note for the export. */
export class RestoreRepository {
  constructor(private readonly db: Db) {}

  create(runId: number, undoes: number, summary: RestoreSummary): void {
    this.db.prepare('INSERT INTO restores (run_id, undoes, summary_json, created_at) VALUES (?, ?, ?, ?)')
      .run(runId, undoes, JSON.stringify(summary), nowIso());
  }

  setSummary(runId: number, summary: RestoreSummary): void {
    this.db.prepare('UPDATE restores SET summary_json = ? WHERE run_id = ?').run(JSON.stringify(summary), runId);
  }

  addNotes(runId: number, notes: readonly UndoNote[]): void {
    if (notes.length === 0) return;
    this.db.prepare(
      `INSERT INTO restore_notes (run_id, seq, count, data)
       VALUES (?, (SELECT COALESCE(MAX(seq) + 1, 0) FROM restore_notes WHERE run_id = ?), ?, ?)`,
    ).run(runId, runId, notes.length, pack(notes));
  }

  *notes(runId: number): Generator<UndoNote> {
    const seqs = this.db.prepare<[number], { seq: number }>('SELECT seq FROM restore_notes WHERE run_id = ? ORDER BY seq').all(runId);
    const get = this.db.prepare<[number, number], { data: Buffer }>('SELECT data FROM restore_notes WHERE run_id = ? AND seq = ?');
    for (const { seq } of seqs) yield* unpack(get.get(runId, seq)!.data);
  }

  summary(runId: number): RestoreSummary | null {
    const r = this.db.prepare<[number], { summary_json: string }>('SELECT summary_json FROM restores WHERE run_id = ?').get(runId);
    return r ? (JSON.parse(r.summary_json) as RestoreSummary) : null;
  }

  /** The run a restore run undoes (null: not a restore run). */
  undoes(runId: number): number | null {
    return this.db.prepare<[number], { undoes: number }>('SELECT undoes FROM restores WHERE run_id = ?').get(runId)?.undoes ?? null;
  }

  /** Restore runs made for `runId`, newest first. */
  undoneBy(runId: number): number[] {
    return this.db.prepare<[number], { run_id: number }>('SELECT run_id FROM restores WHERE undoes = ? ORDER BY run_id DESC').all(runId).map((r) => r.run_id);
  }
}
