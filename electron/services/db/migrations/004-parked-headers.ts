/**
 * Parked rows remember the header of each cell, so they can come back into a later file whose
 * columns are in another order (or has columns added or removed): cells are matched by name.
 *
 * Rows parked before this migration keep `headers_json` NULL; they are restored positionally
 * (cell i goes to the new file's column i), the only guess possible without their headers.
 *
 * `source_key` identifies the very file a row was parked from (path, size, modification time):
 * checking that same file again must not bring its own rows back a second time.
 */
export const MIGRATION_004 = `
ALTER TABLE parked_rows ADD COLUMN headers_json TEXT;
ALTER TABLE parked_rows ADD COLUMN source_key TEXT;
`;
