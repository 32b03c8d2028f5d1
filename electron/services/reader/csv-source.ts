import { createReadStream } from 'node:fs';
import Papa from 'papaparse';
import { UnusableInputError } from '../../../shared/domain/errors';
import type { JobContext } from '../../../shared/domain/job';
import type { SourceOptions } from '../../../shared/domain/source';
import type { RawRow } from './header';
import { chooseEncoding, decodeSample, detectDelimiter, detectNewline, normaliseDelimiter, type CsvEncoding } from './csv-detect';
import { decodeChunks } from './csv-decode';
import { csvSplitter, splittable, SplitFallbackError, type ByteRange } from './csv-range';
import { detachString } from './cell-values';
import { throttledProgress, throwIfCancelled } from './progress';
import type { RawSource } from './raw-source';

interface LowLevelParser {
  parse(input: string, baseIndex: number, ignoreLastRow: boolean): {
    data: string[][];
    errors: Array<{ code: string; row: number }>;
    meta: { cursor: number };
  };
}
// papaparse's incremental core (what its own streamers use): we feed it decoded chunks ourselves
// so that reading is a plain pull loop with backpressure and no per-row callbacks.
const Parser = (Papa as unknown as { Parser: new (cfg: object) => LowLevelParser }).Parser;

/** No real cell is this long (Excel stops at 32,767 characters): a quote that never closes. */
const MAX_OPEN_RECORD = 8 * 1024 * 1024;
/**
 * Bytes read and decoded at a time. 64 KB decodes to at most 64K UTF-16 units, a string V8 still
 * allocates among young objects; 256 KB chunks became 512 KB strings in large-object space, which
 * only a full collection frees: a full million-row build ran some 70 of those per reading thread.
 * Measured (npm run bench's 1M-row CSV): re-run 9.7-10.3 s -> 8.3 s, full build 14.4-15.0 -> 12.8-13.6 s.
 */
const CHUNK = 64 * 1024;

export function openCsv(path: string, fileName: string, size: number, head: Buffer, options: SourceOptions): RawSource {
  const enc = chooseEncoding(head, options.encoding);
  const sample = decodeSample(head, enc, head.length >= size);
  const { newline, stripCr } = detectNewline(sample);
  // Excel's `sep=;` first line names the delimiter; Excel hides that line, so it gets no row number.
  const sep = /^sep=([^\r\n])\r?\n/i.exec(sample);
  const delimiter = options.delimiter ? normaliseDelimiter(options.delimiter)
    : sep ? (sep[1] as string) : detectDelimiter(sample, newline);
  const shape: Shape = { delimiter, newline, stripCr, skipSepLine: sep !== null };
  return {
    format: 'csv', encoding: enc.label, delimiter, sheets: [], sheet: null, knownRowCount: null,
    rows: (ctx, opts) => csvRows(path, fileName, size, enc, !options.encoding, shape, ctx, opts?.detach ?? true, opts?.range ?? null),
    ...(splittable(enc, shape) ? { splitter: csvSplitter(path, size, enc, shape) } : {}),
  };
}

interface Shape { delimiter: string; newline: string; stripCr: boolean; skipSepLine: boolean }

/** `="0161"`: how exports keep leading zeros when Excel opens the CSV; users see `0161`. */
const EXCEL_TEXT = /^="(.*)"$/s;

async function* csvRows(path: string, fileName: string, size: number, enc: CsvEncoding, adaptive: boolean, shape: Shape,
  ctx: JobContext, detach: boolean, range: ByteRange | null): AsyncGenerator<RawRow[]> {
  const { delimiter, newline, stripCr } = shape;
  // A range that starts inside the file starts at a record: no BOM, no `sep=` line there.
  const atStart = range === null || range.start <= enc.bomBytes;
  let skip = shape.skipSepLine && atStart ? 1 : 0;
  const parser = new Parser({ delimiter, newline, quoteChar: '"' });
  const start = atStart ? enc.bomBytes : range.start;
  const end = range ? Math.min(range.end, size) : size;
  const report = throttledProgress(ctx, end - start, 'bytes');
  const file = createReadStream(path, { highWaterMark: CHUNK, start, end: end - 1 });
  // Each range decodes on its own; one that has to switch its decoding would not read like the
  // whole file does (csv-decode.ts), so it gives up instead.
  const onSwitch = range ? () => { throw new SplitFallbackError('the text encoding changes within the file'); } : undefined;
  const text = decodeChunks(file as AsyncIterable<Buffer>, enc, adaptive, onSwitch);
  let partial = '';
  let rowNo = range?.firstRow ?? 0;
  let first = atStart;
  const toRows = (data: string[][]): RawRow[] => {
    if (skip > 0) {
      data = data.slice(skip);
      skip = 0;
    }
    const out: RawRow[] = new Array<RawRow>(data.length);
    for (let i = 0; i < data.length; i++) {
      const cells = data[i] as string[];
      if (stripCr) {
        // A CRLF line in an LF file leaves `\r` on its last cell.
        const last = cells[cells.length - 1] as string;
        if (last.charCodeAt(last.length - 1) === 13) cells[cells.length - 1] = last.slice(0, -1);
      }
      for (let c = 0; c < cells.length; c++) {
        const v = cells[c] as string;
        if (v.charCodeAt(0) === 61 && v.charCodeAt(1) === 34) {
          const m = EXCEL_TEXT.exec(v);
          if (m) cells[c] = detachString((m[1] as string).replace(/""/g, '"'));
        } else if (detach && v.length >= 13) {
          // Cut the cell loose from its read chunk (see detachString).
          cells[c] = (' ' + v).slice(1);
        }
      }
      out[i] = { row: ++rowNo, cells };
    }
    return out;
  };
  try {
    for await (const chunk of text) {
      throwIfCancelled(ctx.signal);
      let input = partial + chunk;
      if (first) {
        first = false;
        if (input.charCodeAt(0) === 0xfeff) input = input.slice(1);
      }
      const res = parser.parse(input, 0, true);
      partial = input.slice(res.meta.cursor);
      if (partial.length > MAX_OPEN_RECORD) throw unclosedQuote(fileName, rowNo + 1);
      report(file.bytesRead);
      if (res.data.length > 0) yield toRows(res.data);
    }
    // A range that ends inside the file must end exactly after a record's line break.
    if (range && end < size && partial.length > 0) throw new SplitFallbackError('the split fell inside a quoted cell');
    if (partial.length > 0) {
      const res = parser.parse(partial, 0, false);
      if (res.errors.some((e) => e.code === 'MissingQuotes')) throw unclosedQuote(fileName, rowNo + 1);
      if (res.data.length > 0) yield toRows(res.data);
    }
    report(end - start, true);
    range?.onEnd?.(rowNo);
  } catch (e) {
    if (range && !(e instanceof Error && e.name === 'CancelledError')) throw e instanceof SplitFallbackError ? e : new SplitFallbackError((e as Error).message);
    if (e instanceof UnusableInputError || (e as Error).name === 'CancelledError') throw e;
    throw new UnusableInputError('not-a-spreadsheet', `${fileName} could not be read as text: ${(e as Error).message}`, { file: fileName });
  } finally {
    file.destroy();
  }
}

function unclosedQuote(fileName: string, row: number): UnusableInputError {
  return new UnusableInputError('row-count-mismatch',
    `${fileName}: the quoted cell that starts in row ${row} is never closed, so the rows after it cannot be told apart; fix the quote (") and try again.`,
    { file: fileName, row });
}
