import type { FieldChange } from '../../../shared/domain/run';

/**
 * Field-by-field changes between a project's delivered state and now: fields in `before`'s order,
 * then fields only `after` has. A missing side (new project / gone field) is null.
 */
export function diffFlat(before: Readonly<Record<string, string>> | null, after: Readonly<Record<string, string>> | null): FieldChange[] {
  const b = before ?? {};
  const a = after ?? {};
  const changes: FieldChange[] = [];
  for (const field of Object.keys(b)) {
    const was = b[field]!;
    const now = Object.hasOwn(a, field) ? a[field]! : null;
    if (was !== now) changes.push({ field, before: was, after: now });
  }
  for (const field of Object.keys(a)) {
    if (!Object.hasOwn(b, field)) changes.push({ field, before: null, after: a[field]! });
  }
  return changes;
}
