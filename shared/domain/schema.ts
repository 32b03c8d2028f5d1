/**
 * What MiniCRM says about a category's project fields (`GET /Api/R3/Schema/Project/{CategoryId}`),
 * cached in SQLite by the publishing side and used by validation when present.
 */
export type SchemaFieldType =
  | { kind: 'text'; maxLength: number | null } // "Text(512)"
  | { kind: 'int' } // "Int"
  | { kind: 'float' }
  | { kind: 'date' } // "Date" / "DateTime"
  | { kind: 'enum'; options: Record<string, string> } // {"<id>": "<label>"}
  | { kind: 'other'; raw: string };

export interface ProjectSchema {
  categoryId: string;
  /** ISO time it was fetched; the UI shows its age. */
  fetchedAt: string;
  /** API name -> type, for every plain and custom field the schema lists. */
  fields: Record<string, SchemaFieldType>;
  /** StatusId and UserId option maps ({"<id>": "<label>"}). */
  statuses: Record<string, string>;
  users: Record<string, string>;
}
