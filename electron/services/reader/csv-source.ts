import { createReadStream } from 'node:fs';
import iconv from 'iconv-lite';
import { UnusableInputError } from '../../../shared/domain/errors';
import type { JobContext } from '../../../shared/domain/job';
import type { SourceOptions } from '../../../shared/domain/source';
import type { RawRow } from './header';
import { chooseEncoding, decodeSample, detectDelimiter, detectNewline, normaliseDelimiter, settleEncoding, type CsvEncoding } from './csv-detect';
import { CsvScanner, INCOMPLETE, TOO_WIDE, UNCLOSED, csvCellText, type CsvGrammar } from './csv-tokenizer';
import { readableInPieces, LINE_SEARCH, type CsvLayout } from './csv-text';
import { tooLong, tooWide, unclosedQuote } from './csv-pieces';
import { throttledProgress, throwIfCancelled } from './progress';
import type { RawSource } from './raw-source';

/** Bytes read and decoded at a time when reading from the top (the preview, a spool of UTF-16 text). */
const CHUNK = 64 * 1024;

export async function openCsv(path: string, fileName: string, size: number, head: Buffer, options: SourceOptions): Promise<RawSource> {
  const enc = await settleEncoding(path, size, chooseEncoding(head, options.encoding), options.encoding, head);
  const sample = decodeSample(head, enc, head.length >= size);
  if (sample.trim() === '') throw new UnusableInputError('empty-file', `${fileName} is empty: it holds no text.`, { file: fileName });
  const { newline } = detectNewline(sample);
  // Excel's `sep=;` first line names the delimiter; Excel hides that line, so it gets no row number.
  const sep = /^sep=([^\r\n])\r?\n/i.exec(sample);
  const delimiter = options.delimiter ? normaliseDelimiter(options.delimiter)
    : sep ? (sep[1] as string) : detectDelimiter(sample, newline);
  const grammar: CsvGrammar = { delimiter: delimiter.charCodeAt(0), newline: newline === '\r' ? 13 : 10 };
  const layout: CsvLayout = { path, size, dataStart: enc.bomBytes, grammar, codec: enc.codec, sepLine: sep !== null };
  return {
    format: 'csv', encoding: enc.label, delimiter, sheets: [], sheet: null, knownRowCount: null,
    rows: (ctx) => csvRows(layout, fileName, enc, ctx),
    ...(readableInPieces(enc.codec) ? { layout } : {}),
  };
}

function textChunks(path: string, start: number, enc: CsvEncoding): AsyncGenerator<string> {
  const file = createReadStream(path, { highWaterMark: CHUNK, start });
  const decoder = enc.codec === 'utf-8' ? null : iconv.getDecoder(enc.codec);
  const utf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
  return (async function* () {
    try {
      for await (const buf of file as AsyncIterable<Buffer>) yield decoder ? decoder.write(buf) : utf8.decode(buf, { stream: true });
      const rest = decoder ? decoder.end() : utf8.decode();
      if (rest) yield rest;
    } finally {
      file.destroy();
    }
  })();
}

/** Every record from the top, in order, numbered as Excel numbers rows (the `sep=` line has none). */
async function* csvRows(layout: CsvLayout, fileName: string, enc: CsvEncoding, ctx: JobContext): AsyncGenerator<RawRow[]> {
  const scanner = new CsvScanner(layout.grammar);
  const report = throttledProgress(ctx, layout.size - layout.dataStart, 'bytes');
  let partial = '';
  let rowNo = layout.sepLine ? -1 : 0;
  let first = true;
  let read = 0;
  const take = (text: string, final: boolean): RawRow[] => {
    scanner.reset(text);
    const out: RawRow[] = [];
    let p = 0;
    while (p < text.length) {
      const cells: string[] = [];
      const next = scanner.record(p, final, cells);
      if (next === UNCLOSED) throw unclosedQuote(fileName, rowNo + 1);
      if (next === TOO_WIDE) throw tooWide(fileName, rowNo + 1, layout.grammar);
      if (next === INCOMPLETE) break;
      rowNo++;
      for (let i = 0; i < cells.length; i++) cells[i] = csvCellText(cells[i]!);
      if (rowNo > 0) out.push({ row: rowNo, cells });
      p = next;
    }
    partial = text.slice(p);
    if (partial.length > LINE_SEARCH) {
      // Still open after megabytes: inside a quoted cell that never closes, or one line that never ends.
      scanner.reset(partial);
      throw scanner.record(0, true, null) === UNCLOSED ? unclosedQuote(fileName, rowNo + 1) : tooLong(fileName, rowNo + 1);
    }
    return out;
  };
  for await (const chunk of textChunks(layout.path, layout.dataStart, enc)) {
    throwIfCancelled(ctx.signal);
    let text = partial + chunk;
    if (first) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    read += chunk.length;
    report(Math.min(read, layout.size));
    const rows = take(text, false);
    if (rows.length > 0) yield rows;
  }
  if (partial.length > 0) {
    const rows = take(partial, true);
    if (rows.length > 0) yield rows;
  }
  report(layout.size - layout.dataStart, true);
}
