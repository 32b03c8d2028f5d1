/**
 * A large CSV is read in pieces at once. A piece starts after a newline byte, so at its first byte
 * the text is either at a record start or inside a quoted field (a quoted line break); which one
 * depends on everything before it. Each piece is therefore indexed both ways at the same time
 * (`atStart`, `inside`): the inside reading usually joins the other within a record or two, after
 * which both are the same. Chaining the pieces in order (planCsvRanges) picks the true one, so
 * every file is read in parallel and the records are exactly those one reading from the top finds,
 * also with stray quotes (the approach of DuckDB's parallel CSV reader, with the two states of this
 * grammar).
 */
import type { CellValue } from '../../../shared/domain/cell';
import { UnusableInputError } from '../../../shared/domain/errors';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { CsvScanner, INCOMPLETE, TOO_WIDE, UNCLOSED, csvCellText, type CsvGrammar } from './csv-tokenizer';
import { byteLengthOf, csvRowOf, decodePiece, lineStartAfter, readBytes, LINE_SEARCH, type CsvLayout } from './csv-text';
import { LIMITS, thousands } from './workbook-limits';

/** Bytes per piece: small enough that the pieces' results can wait in order, large enough to be few. */
export const PIECE_BYTES = 1024 * 1024;
const CUTS_AT_ONCE = 32;

/**
 * Turns a row's Id cell into its key (0: no Id); `fold()` is the key of that Id in lower case (to
 * find Ids that differ only in case). The engine supplies it from the mapping.
 */
export interface IdKeyOf {
  (cell: CellValue): number;
  fold(): number;
}

export interface PieceReading {
  /** Records that start in the piece (an open last record included). */
  records: number;
  /** Id key of each record (NaN for an open last record: its Id may lie in the next piece). */
  ids: Float64Array;
  /** Key of each record's Id in lower case. */
  folds: Float64Array;
  /** Byte offset of the record still open at the piece's end (inside quotes), else -1. */
  openAt: number;
}

export interface PieceIndex {
  /** Byte range of the piece (it starts after a newline byte). */
  start: number;
  end: number;
  atStart: PieceReading;
  /** Reading from inside a quoted field: `tailEnd` is where that record ends (byte; -1: not in this piece). */
  inside: PieceReading & { tailEnd: number };
}

/**
 * The pieces: each starts after the first newline past a multiple of PIECE_BYTES. Where no
 * newline follows within LINE_SEARCH the file is cut short there (`longLineAt`): that line is
 * longer than any table's row, and the caller names it once it knows its row number.
 */
export async function planPieces(layout: CsvLayout, pieceBytes = PIECE_BYTES): Promise<{ pieces: Array<[start: number, end: number]>; longLineAt: number }> {
  const cuts = [layout.dataStart];
  let longLineAt = -1;
  const fh = await open(layout.path, 'r');
  try {
    // A few cuts at a time: one round trip for many, and little read in vain past a line too long.
    for (let from = pieceBytes; from < layout.size && longLineAt < 0; from += CUTS_AT_ONCE * pieceBytes) {
      const nominal: number[] = [];
      for (let at = from; at < layout.size && nominal.length < CUTS_AT_ONCE; at += pieceBytes) nominal.push(at);
      const found = await Promise.all(nominal.map((at) => lineStartAfter(fh, at, layout.size, layout.grammar.newline)));
      for (let i = 0; i < found.length && longLineAt < 0; i++) {
        const cut = found[i]!;
        if (cut < 0) longLineAt = nominal[i]!;
        else if (cut > cuts[cuts.length - 1]! && cut < layout.size) cuts.push(cut);
      }
    }
  } finally {
    await fh.close();
  }
  const end = longLineAt >= 0 ? longLineAt : layout.size;
  const pieces = cuts.filter((c) => c < end).map((c, i, all): [number, number] => [c, all[i + 1] ?? end]);
  return { pieces, longLineAt };
}

/** Indexes the piece [start, end) both ways (see above). */
export async function indexPiece(layout: CsvLayout, start: number, end: number, idColumn: number, keyOf: IdKeyOf): Promise<PieceIndex> {
  const bytes = await readBytes(layout.path, start, end);
  const { text } = decodePiece(bytes, layout.codec);
  // A piece cut short before a long line (planPieces) is not the end of the text.
  const final = end >= layout.size;
  const scanner = new CsvScanner(layout.grammar);
  const byteAt = (chars: number): number => start + byteLengthOf(text, chars, layout.codec);

  scanner.reset(text);
  const starts: number[] = [];
  const a = readRecords(scanner, text, 0, final, idColumn, keyOf, starts);
  const atStart: PieceReading = { records: a.ids.length, ids: Float64Array.from(a.ids), folds: Float64Array.from(a.folds), openAt: a.openAt < 0 ? -1 : byteAt(a.openAt) };

  // Inside a quoted field: the rest of the record that began in an earlier piece.
  scanner.reset(text);
  const from = scanner.record(0, final, null, -1, true);
  if (from === INCOMPLETE || from === UNCLOSED) {
    return { start, end, atStart, inside: { records: 0, ids: new Float64Array(0), folds: new Float64Array(0), openAt: -1, tailEnd: -1 } };
  }
  const b = readRecords(scanner, text, from, final, idColumn, keyOf, null, starts, a);
  const inside = { records: b.ids.length, ids: Float64Array.from(b.ids), folds: Float64Array.from(b.folds), openAt: b.openAt < 0 ? -1 : byteAt(b.openAt), tailEnd: byteAt(from) };
  return { start, end, atStart, inside };
}

interface Records { ids: number[]; folds: number[]; openAt: number }

/**
 * Records from `pos` to the end of `text`, their Id keys, and where an open last record starts.
 * With `join` (the other reading and its record starts), stops as soon as a record starts where
 * one of the other reading does, and takes the rest from it.
 */
function readRecords(scanner: CsvScanner, text: string, pos: number, final: boolean, idColumn: number, keyOf: IdKeyOf,
  starts: number[] | null, joinStarts?: number[], join?: Records): Records {
  const ids: number[] = [];
  const folds: number[] = [];
  const cell: string[] = [];
  let j = 0;
  let p = pos;
  while (p < text.length) {
    if (joinStarts && join) {
      while (j < joinStarts.length && joinStarts[j]! < p) j++;
      if (joinStarts[j] === p) {
        for (let k = j; k < join.ids.length; k++) {
          ids.push(join.ids[k]!);
          folds.push(join.folds[k]!);
        }
        return { ids, folds, openAt: join.openAt };
      }
    }
    starts?.push(p);
    // Without an Id column no cell is needed: only where each record ends.
    const next = scanner.record(p, final, idColumn < 0 ? null : cell, idColumn);
    if (next === INCOMPLETE || next === UNCLOSED) {
      ids.push(NaN);
      folds.push(NaN);
      return { ids, folds, openAt: p };
    }
    ids.push(keyOf(idColumn < 0 ? null : cellOrNull(cell[0])));
    folds.push(keyOf.fold());
    p = next;
  }
  return { ids, folds, openAt: -1 };
}

const cellOrNull = (v: string | undefined): string | null => {
  if (v === undefined || v === '') return null;
  return csvCellText(v);
};

/** A range of whole records, read by one reading thread. */
export interface CsvRange {
  start: number;
  end: number;
  /** 0-based index (in the file) of its first record. */
  firstRecord: number;
  records: number;
  ids: Float64Array;
  folds: Float64Array;
}

/**
 * Chains the pieces' indexes in file order into ranges of whole records. A record still open at a
 * piece's end belongs to the range it started in (its Id is read here, from its own bytes).
 * `onRange` gets each range once it is final, while later pieces may still be indexed.
 */
export async function planCsvRanges(layout: CsvLayout, pieces: Iterable<PieceIndex> | AsyncIterable<PieceIndex>, idColumn: number,
  keyOf: IdKeyOf, fileName: string, rowOf: (record: number) => number, longLineAt = -1, onRange: (r: CsvRange) => void = () => {}): Promise<CsvRange[]> {
  const ranges: CsvRange[] = [];
  let inside = false;
  let records = 0;
  let open: { range: CsvRange; at: number } | null = null;
  for await (const piece of pieces) {
    const reading: PieceReading = inside ? piece.inside : piece.atStart;
    let start = piece.start;
    if (inside) {
      if (piece.inside.tailEnd < 0) continue; // the whole piece lies inside the open record
      start = piece.inside.tailEnd;
    }
    if (open) {
      open.range.end = start;
      await fixOpenId(layout, open.range, open.at, start, idColumn, keyOf);
      // A quoted cell of megabytes is a quote that was never meant to stay open.
      if (start - open.at > LINE_SEARCH) throw unclosedQuote(fileName, rowOf(open.range.firstRecord + open.range.records - 1));
      open = null;
    }
    const range: CsvRange = { start, end: piece.end, firstRecord: records, records: reading.records, ids: reading.ids, folds: reading.folds };
    if (range.records > 0) {
      if (ranges.length > 0) onRange(ranges[ranges.length - 1]!);
      ranges.push(range);
    }
    records += reading.records;
    inside = reading.openAt >= 0;
    if (inside) open = { range, at: reading.openAt };
  }
  if (longLineAt >= 0) throw tooLong(fileName, rowOf(open ? records - 1 : records));
  if (open) throw unclosedQuote(fileName, rowOf(open.range.firstRecord + open.range.records - 1));
  if (ranges.length > 0) onRange(ranges[ranges.length - 1]!);
  return ranges;
}

async function fixOpenId(layout: CsvLayout, range: CsvRange, at: number, end: number, idColumn: number, keyOf: IdKeyOf): Promise<void> {
  const { text } = decodePiece(await readBytes(layout.path, at, end), layout.codec);
  const scanner = new CsvScanner(layout.grammar);
  scanner.reset(text);
  const cell: string[] = [];
  scanner.record(0, true, cell, idColumn);
  range.ids[range.records - 1] = keyOf(idColumn < 0 ? null : cellOrNull(cell[0]));
  range.folds[range.records - 1] = keyOf.fold();
}

export function unclosedQuote(fileName: string, row: number): UnusableInputError {
  return new UnusableInputError('unclosed-quote',
    `${fileName}: the quoted cell that starts in row ${row} is never closed, so the rows after it cannot be told apart; fix the quote (") and try again.`,
    { file: fileName, row });
}

export function tooLong(fileName: string, row: number): UnusableInputError {
  return new UnusableInputError('row-too-long',
    `${fileName}: row ${row} is longer than ${LINE_SEARCH / 1024 / 1024} MB; a table export has no such rows, so this is probably not a CSV file.`,
    { file: fileName, row });
}

export function tooWide(fileName: string, row: number, grammar: CsvGrammar): UnusableInputError {
  const delimiter = grammar.delimiter === 9 ? 'tab' : `"${String.fromCharCode(grammar.delimiter)}"`;
  return new UnusableInputError('too-many-columns',
    `${fileName}: row ${row} has more than ${thousands(LIMITS.columns)} cells separated by ${delimiter} (Excel's last column is XFD); `
    + 'a table export has no such rows, so check the delimiter or save the file again from the program that made it.',
    { file: fileName, row, columns: LIMITS.columns });
}

/** One record of a range: its cells as the user sees them and where it starts (byte offset). */
export interface CsvRecord {
  cells: string[];
  at: number;
}

/**
 * The records of a range, in order, in small batches (what a batch holds dies young: rows mapped a
 * few hundred at a time never reach the old generation). From byte `start`: a record start; with
 * `offsets` every record's start is given in bytes (paging), else -1.
 */
export async function readCsvRange(layout: CsvLayout, start: number, end: number,
  opts: { offsets?: boolean; batch?: number; firstRecord?: number } = {}): Promise<Iterable<CsvRecord[]>> {
  const { text } = decodePiece(await readBytes(layout.path, start, end), layout.codec);
  return csvRecords(layout, text, start, opts.offsets ?? false, opts.batch ?? 256, opts.firstRecord ?? 0);
}

function* csvRecords(layout: CsvLayout, text: string, start: number, offsets: boolean, size: number, firstRecord: number): Generator<CsvRecord[]> {
  const scanner = new CsvScanner(layout.grammar);
  scanner.reset(text);
  let p = 0;
  let bytePos = start;
  let charPos = 0;
  let record = firstRecord;
  while (p < text.length) {
    const batch: CsvRecord[] = [];
    while (p < text.length && batch.length < size) {
      const cells: string[] = [];
      const next = scanner.record(p, true, cells);
      if (next === TOO_WIDE) throw tooWide(basename(layout.path), csvRowOf(layout, record), layout.grammar);
      if (next < 0) return; // a range ends on a record boundary
      record++;
      let at = -1;
      if (offsets) {
        bytePos += layout.codec === 'utf-8' ? Buffer.byteLength(text.slice(charPos, p), 'utf8') : p - charPos;
        charPos = p;
        at = bytePos;
      }
      for (let i = 0; i < cells.length; i++) cells[i] = csvCellText(cells[i]!);
      batch.push({ cells, at });
      p = next;
    }
    yield batch;
  }
}
