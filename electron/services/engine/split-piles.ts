/**
 * The rows of Projects whose rows lie apart, on their way to being put together. The plan cuts
 * those Ids, in the order of their first rows, into piles of about the same number of rows
 * (split-keys.ts). Each reading thread appends its rows to one file per pile in the job's scratch
 * folder; the thread that finishes a pile reads its files whole and reads their rows as if they
 * were next to each other (reading-work.ts). Plain files, not SQL: the rows are only ever
 * appended, then read once, all of them, with nothing looked up.
 *
 * A pile keeps a row as the source gave it (its cells, edits applied), not mapped: its text is
 * copied once, and the row is mapped and checked only when its pile is finished.
 */
import { appendFileSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { CellValue, SourceRow } from '../../../shared/domain/cell';
import { ByteOut } from '../feed/byte-out';
import type { IdMap } from './id-set';

/**
 * Per row: u32 row, u8 encoding, u32 segments, u32 text bytes; then an i32 per segment (the Id, then
 * each cell): a string's length in UTF-16 units, -1 for no value, -2 - n for n units of JSON (a
 * typed cell: number, date, …); then the segments' text back to back, in UTF-8, or UTF-16 when it
 * holds a lone surrogate (which UTF-8 cannot carry, and the feed must drop with a warning).
 */
const HEAD = 13;
const UTF8 = 0;
const WIDE = 1;

interface WellFormed { isWellFormed(): boolean }

/** One reading thread's rows of split Ids, written out at the end of each task. */
export class PileWriter {
  private readonly outs = new Map<number, ByteOut>();

  /** `dir`: the job's scratch folder; `tag`: this thread's own part of the file names. */
  constructor(readonly dir: string, private readonly piles: IdMap, private readonly tag: string) {}

  /** The pile of an Id key, or -1 when the Id's rows are all next to each other. */
  pileOf(key: number): number {
    return this.piles.get(key);
  }

  /** Segment lengths of the row being added, copied into the file in one piece. */
  private lengths = new Int32Array(64);
  private readonly parts: string[] = [];

  add(pile: number, id: string, row: SourceRow): void {
    const { cells } = row;
    let out = this.outs.get(pile);
    if (!out) this.outs.set(pile, (out = new ByteOut(1 << 12)));
    const segments = cells.length + 1;
    if (this.lengths.length < segments) this.lengths = new Int32Array(2 * segments);
    const lengths = this.lengths;
    const parts = this.parts;
    parts.length = 0;
    parts.push(id);
    lengths[0] = id.length;
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i]!;
      if (typeof c === 'string') {
        parts.push(c);
        lengths[i + 1] = c.length;
      } else if (c === null) lengths[i + 1] = -1;
      else {
        const json = JSON.stringify(c);
        parts.push(json);
        lengths[i + 1] = -2 - json.length;
      }
    }
    const text = parts.join('');
    out.ensure(HEAD + 4 * segments);
    const head = out.pos;
    out.pos += HEAD;
    // Int32Array is in the machine's byte order: little-endian on every platform Electron runs on.
    out.put(new Uint8Array(lengths.buffer, 0, 4 * segments));
    const wide = !(text as unknown as WellFormed).isWellFormed();
    const from = out.pos;
    if (wide) {
      out.ensure(2 * text.length);
      out.pos += out.buf.write(text, out.pos, 'utf16le');
    } else out.utf8(text);
    const buf = out.buf;
    buf.writeUInt32LE(row.row, head);
    buf[head + 4] = wide ? WIDE : UTF8;
    buf.writeUInt32LE(segments, head + 5);
    buf.writeUInt32LE(out.pos - from, head + 9);
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
 * The rows of each Id of a pile in row order, the Ids in the order of their first rows (any
 * number of threads wrote the pile's files, in any order: the same result). The files are deleted.
 */
export function* readPile(dir: string, pile: number): Generator<SourceRow[]> {
  const prefix = `pile-${pile}-`;
  // Only the Id is decoded here; a row's cells once its Id is finished, so that few are alive at a time.
  const byId = new Map<string, Array<{ row: number; data: Buffer; at: number }>>();
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(prefix)) continue;
    const data = readFileSync(join(dir, name));
    rmSync(join(dir, name));
    for (let at = 0; at < data.length;) {
      const textAt = at + HEAD + 4 * data.readUInt32LE(at + 5);
      const idLength = data.readInt32LE(at + HEAD);
      const wide = data[at + 4] === WIDE;
      const id = wide ? data.toString('utf16le', textAt, textAt + 2 * idLength) : utf8Prefix(data, textAt, idLength);
      let rows = byId.get(id);
      if (!rows) byId.set(id, (rows = []));
      rows.push({ row: data.readUInt32LE(at), data, at });
      at = textAt + data.readUInt32LE(at + 9);
    }
  }
  const ids = [...byId].map(([id, rows]) => ({ id, rows: rows.sort((a, b) => a.row - b.row) }));
  ids.sort((a, b) => a.rows[0]!.row - b.rows[0]!.row);
  for (const { rows } of ids) yield rows.map((r) => rowAt(r.data, r.at));
}

/** The first `units` UTF-16 units of the UTF-8 text at `from` (an Id is short: decoded a char's bytes at a time). */
function utf8Prefix(data: Buffer, from: number, units: number): string {
  let end = from;
  for (let n = 0; n < units; n++) {
    const b = data[end]!;
    // A 4-byte sequence is two UTF-16 units.
    if (b >= 0xf0) n++;
    end += b < 0x80 ? 1 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;
  }
  return data.toString('utf8', from, end);
}

function rowAt(data: Buffer, at: number): SourceRow {
  const segments = data.readUInt32LE(at + 5);
  const textAt = at + HEAD + 4 * segments;
  const text = data.toString(data[at + 4] === WIDE ? 'utf16le' : 'utf8', textAt, textAt + data.readUInt32LE(at + 9));
  let lengths = at + HEAD;
  let pos = data.readInt32LE(lengths);
  const cells: CellValue[] = new Array<CellValue>(segments - 1);
  for (let i = 0; i < segments - 1; i++) {
    const n = data.readInt32LE((lengths += 4));
    if (n === -1) cells[i] = null;
    else if (n >= 0) cells[i] = text.slice(pos, (pos += n));
    else cells[i] = JSON.parse(text.slice(pos, (pos += -2 - n))) as CellValue;
  }
  return { row: data.readUInt32LE(at), cells };
}
