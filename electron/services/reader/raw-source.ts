import type { JobContext } from '../../../shared/domain/job';
import type { SheetInfo, SourceFormat } from '../../../shared/domain/source';
import type { ByteRange, CsvSplitter } from './csv-range';
import type { RawRow } from './header';

/**
 * One format's rows from the top of the chosen sheet, before any header logic. `rows()` can be
 * called again for a fresh pass (inspect reads the top, validate reads everything).
 */
export interface RawSource {
  readonly format: SourceFormat;
  readonly encoding: string | null;
  readonly delimiter: string | null;
  readonly sheets: readonly SheetInfo[];
  readonly sheet: string | null;
  /** Physical rows in the sheet when known without a full read (in-memory workbooks). */
  readonly knownRowCount: number | null;
  /** `detach: false` lets long CSV cells stay views into their chunk (see detachString): only for
   *  callers that keep no cell beyond its batch. */
  rows(ctx: JobContext, opts?: { detach?: boolean; range?: ByteRange }): AsyncGenerator<RawRow[]>;
  /** Present when the rows can be read in byte ranges (text with `\n` line breaks). */
  readonly splitter?: CsvSplitter;
}
