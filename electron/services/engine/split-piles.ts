/**
 * The rows of Projects whose rows lie apart, on their way to being put together (split-projects.ts).
 * The plan cuts those Ids, in the order of their first rows, into piles of about the same number
 * of rows (split-keys.ts). Each reading thread appends its rows to one file per pile in the job's
 * scratch folder; the thread that finishes a pile reads its files whole. Plain files, not SQL:
 * the rows are only ever appended, then read once, all of them, with nothing looked up.
 */
import { appendFileSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FeedProject } from '../../../shared/domain/project';
import { ByteOut } from '../feed/byte-out';
import { packProjectBytes } from '../feed/project-encoding';
import type { IdMap } from './id-set';

/** Row, rejected, the Id's length and the packed project's length, before the two. */
const HEAD = 13;

export interface SplitRow {
  row: number;
  rejected: boolean;
  /** The row's one-row project, packed (packed-project.ts). */
  packed: string;
}

/** One reading thread's rows of split Ids, written out at the end of each task. */
export class PileWriter {
  private readonly outs = new Map<number, ByteOut>();

  /** `dir`: the job's scratch folder; `tag`: this thread's own part of the file names. */
  constructor(readonly dir: string, private readonly piles: IdMap, private readonly tag: string) {}

  /** The pile of an Id key, or -1 when the Id's rows are all next to each other. */
  pileOf(key: number): number {
    return this.piles.get(key);
  }

  add(pile: number, id: string, row: number, rejected: boolean, project: FeedProject): void {
    let out = this.outs.get(pile);
    if (!out) this.outs.set(pile, (out = new ByteOut(1 << 12)));
    const head = out.pos;
    out.ensure(HEAD);
    out.pos += HEAD;
    out.utf8(id);
    const idEnd = out.pos;
    packProjectBytes(project, out);
    const b = out.buf;
    b.writeUInt32LE(row, head);
    b[head + 4] = rejected ? 1 : 0;
    b.writeUInt32LE(idEnd - head - HEAD, head + 5);
    b.writeUInt32LE(out.pos - idEnd, head + 9);
  }

  /** Appends what the task added: every task's rows are on disk before its result is sent. */
  flush(): void {
    for (const [pile, out] of this.outs) appendFileSync(pileFile(this.dir, pile, this.tag), out.buf.subarray(0, out.pos));
    // A range's rows often fill one pile or two (megabytes): not kept for piles the next range may not touch.
    this.outs.clear();
  }
}

const pileFile = (dir: string, pile: number, tag: string): string => join(dir, `pile-${pile}-${tag}.bin`);

/**
 * The Ids of a pile with their rows in row order, the Ids in the order of their first rows (any
 * number of threads wrote the pile's files, in any order: the same result). The files are deleted.
 */
export function* readPile(dir: string, pile: number): Generator<{ id: string; rows: SplitRow[] }> {
  const prefix = `pile-${pile}-`;
  const texts: Buffer[] = [];
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(prefix)) continue;
    texts.push(readFileSync(join(dir, name)));
    rmSync(join(dir, name));
  }
  const byId = new Map<string, Array<{ row: number; rejected: boolean; text: Buffer; at: number; end: number }>>();
  for (const text of texts) {
    for (let at = 0; at < text.length;) {
      const row = text.readUInt32LE(at);
      const idEnd = at + HEAD + text.readUInt32LE(at + 5);
      const end = idEnd + text.readUInt32LE(at + 9);
      const id = text.toString('utf8', at + HEAD, idEnd);
      let rows = byId.get(id);
      if (!rows) byId.set(id, (rows = []));
      rows.push({ row, rejected: text[at + 4] === 1, text, at: idEnd, end });
      at = end;
    }
  }
  const ids = [...byId].map(([id, rows]) => ({ id, rows: rows.sort((a, b) => a.row - b.row) }));
  ids.sort((a, b) => a.rows[0]!.row - b.rows[0]!.row);
  for (const { id, rows } of ids) {
    yield { id, rows: rows.map((r) => ({ row: r.row, rejected: r.rejected, packed: r.text.toString('utf8', r.at, r.end) })) };
  }
}
