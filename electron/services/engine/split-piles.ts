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
  rows = 0;

  /** `tag`: this thread's own part of the file names. */
  constructor(private readonly dir: string, private readonly piles: IdMap, private readonly tag: string) {}

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
    this.rows++;
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
  // The records as numbers, not objects: a pile's index lives while all of it is finished.
  const text: number[] = [];
  const at: number[] = [];
  const rows: number[] = [];
  const groupOf: number[] = [];
  const groups = new Map<string, number>();
  const ids: string[] = [];
  const firstRow: number[] = [];
  texts.forEach((t, ti) => {
    for (let i = 0; i < t.length;) {
      const row = t.readUInt32LE(i);
      const idEnd = i + HEAD + t.readUInt32LE(i + 5);
      const id = t.toString('utf8', i + HEAD, idEnd);
      let g = groups.get(id);
      if (g === undefined) {
        groups.set(id, (g = ids.length));
        ids.push(id);
        firstRow.push(row);
      } else if (row < firstRow[g]!) firstRow[g] = row;
      text.push(ti);
      at.push(i);
      rows.push(row);
      groupOf.push(g);
      i = idEnd + t.readUInt32LE(i + 9);
    }
  });
  // First rows differ between Ids: ordered by them, each Id's rows come together, in row order.
  const order = Array.from(rows.keys()).sort((x, y) => firstRow[groupOf[x]!]! - firstRow[groupOf[y]!]! || rows[x]! - rows[y]!);
  for (let k = 0; k < order.length;) {
    const g = groupOf[order[k]!]!;
    const out: SplitRow[] = [];
    for (; k < order.length && groupOf[order[k]!] === g; k++) {
      const r = order[k]!;
      const t = texts[text[r]!]!;
      const i = at[r]!;
      const packedAt = i + HEAD + t.readUInt32LE(i + 5);
      out.push({ row: rows[r]!, rejected: t[i + 4] === 1, packed: t.toString('utf8', packedAt, packedAt + t.readUInt32LE(i + 9)) });
    }
    yield { id: ids[g]!, rows: out };
  }
}
