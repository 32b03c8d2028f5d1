export type SourceFormat = 'csv' | 'xlsx' | 'xlsb' | 'xls' | 'ods';

export interface SheetInfo {
  readonly name: string;
  /** Rows that hold at least one non-empty cell, when the reader knows it cheaply; else null. */
  readonly rowCount: number | null;
  readonly hasData: boolean;
}

export interface ColumnInfo {
  readonly index: number;
  readonly header: string;
  /** Up to five non-empty values as the user sees them. */
  readonly samples: readonly string[];
  /** The header row repeats the name of this earlier column here (so this one is named `Name (2)`). */
  readonly repeatOf?: number;
}

/** What `inspect` learns about a file before any mapping. */
export interface SourceInfo {
  readonly path: string;
  readonly fileName: string;
  readonly size: number;
  readonly format: SourceFormat;
  /** CSV only: detected or chosen (`utf-8`, `utf-8-bom`, `windows-1250`, `windows-1252`, …). */
  readonly encoding: string | null;
  /** CSV only. */
  readonly delimiter: string | null;
  readonly sheets: readonly SheetInfo[];
  /** The sheet that is read (workbooks only). */
  readonly sheet: string | null;
  /** 1-based row number of the header row as the user sees it. */
  readonly headerRow: number;
  readonly headers: readonly string[];
  readonly columns: readonly ColumnInfo[];
  /** The first data rows (at most 50) for previews. */
  readonly preview: readonly import('./cell').SourceRow[];
  /** Data rows below the header; null when only a full read can tell. */
  readonly dataRows: number | null;
}

/** Options a user (or a profile's `source` block) can force; everything else is detected. */
export interface SourceOptions {
  readonly sheet?: string;
  readonly headerRow?: number;
  readonly encoding?: string;
  readonly delimiter?: string;
}
