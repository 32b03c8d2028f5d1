import type { JobContext } from '../../../shared/domain/job';
import type { SheetInfo, SourceFormat } from '../../../shared/domain/source';
import type { CsvLayout } from './csv-text';
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
  /** Every row from the top, in order (the first look, spooling, small files of references). */
  rows(ctx: JobContext): AsyncGenerator<RawRow[]>;
  /** A CSV whose text can be read in pieces at once (csv-pieces.ts); other sources are read from the top. */
  readonly layout?: CsvLayout;
}
