import { UnusableInputError } from '../domain/errors';
import { columnLetter, type SourceRow } from '../domain/cell';
import type { RowIssue } from '../domain/issue';
import type { ProjectSchema, SchemaFieldType } from '../domain/schema';
import type { ColumnInfo } from '../domain/source';
import type { ErrorPolicy, FieldRef, FieldType } from '../profile/profile-types';
import { policyKeyOf } from '../profile/error-policy';
import { catalogField } from '../catalog/field-catalog';
import { inferDecimalHint } from '../validation/number-parse';
import { inferDateOrder } from '../validation/date-parse';
import { cleanText } from '../validation/text-clean';
import { checkEmail } from '../validation/email';
import { integerChecker, lengthChecker, optionChecker } from '../validation/schema-check';
import { parseIntegerText, parseNumberText } from '../validation/number-parse';
import { parseDateText } from '../validation/date-parse';
import { normalisePhone } from '../validation/phone';
import { normaliseUrl } from '../validation/web-address';
import type { Parsed } from '../validation/parsed';
import { closestHeaders, headerKey, indexHeaders } from './column-match';
import { constantSlot, makeSlot, type PostCheck, type Slot } from './field-slot';

/** A contact's name fields take the name of a `Name <address>` cell. */
const NAME_FIELD_RE = /^contacts\[\d+\]\.(?:FirstName|LastName)$/;

/** Resolves profile references against the headers and builds slots; collects missing columns. */
export class SlotFactory {
  readonly missing = new Set<string>();
  readonly used = new Set<number>();
  /** Catalog path (`project.Name`, `custom.Note`) -> header, for merge-conflict messages. */
  readonly sources: Record<string, string> = {};
  private readonly index: Map<string, number>;
  /** Column index -> the name the profile used for it. */
  private readonly named = new Map<number, string>();

  constructor(
    private readonly headers: readonly string[],
    private readonly samples: readonly SourceRow[],
    private readonly phoneRegion: string,
    private readonly schema: ProjectSchema | null,
    private readonly policy: ErrorPolicy,
  ) {
    this.index = indexHeaders(headers);
  }

  /** `field` is the issue path (`contacts[0].Emails`), `catalogPath` finds the type. */
  slot(ref: FieldRef | undefined, field: string, opts: { custom?: string } = {}): Slot | null {
    if (ref === undefined) return null;
    const spec = typeof ref === 'string' ? { column: ref } : ref;
    const type = this.typeOf(field, spec.as, opts.custom);
    const post = this.postCheck(field, type, opts.custom);
    if (spec.value !== undefined) return constantSlot(field, type, this.constant(field, type, spec.value, post));
    const column = spec.column ?? '';
    const i = this.index.get(headerKey(column));
    if (i === undefined) {
      this.missing.add(column);
      return null;
    }
    this.used.add(i);
    const header = this.headers[i] ?? column;
    this.named.set(i, column);
    if (!field.includes('[')) this.sources[field] = header;
    const values = this.samples.map((r) => r.cells[i]).filter((c): c is string => typeof c === 'string');
    const policyKey = policyKeyOf(field);
    return makeSlot(i, header, field, {
      type,
      phoneRegion: this.phoneRegion,
      decimal: type === 'number' || type === 'integer' ? inferDecimalHint(values) : null,
      dateOrder: type === 'date' ? inferDateOrder(values) : null,
      post,
      leaveOut: policyKey !== null && this.policy[policyKey] === 'leave-out',
      name: NAME_FIELD_RE.test(field),
    }, spec.split === true);
  }

  /** Throws `missing-columns` naming every missing column with its closest headers. */
  assertComplete(): void {
    if (this.missing.size === 0) return;
    const parts = [...this.missing].map((m) => {
      const near = closestHeaders(m, this.headers);
      return near.length ? `"${m}" (closest: ${near.map((n) => `"${n}"`).join(', ')})` : `"${m}"`;
    });
    const n = this.missing.size;
    throw new UnusableInputError(
      'missing-columns',
      `The profile names ${n === 1 ? 'a column' : `${n} columns`} the file does not have: ${parts.join(', ')}.`,
      { missing: [...this.missing].join(', '), count: n },
    );
  }

  /**
   * Warnings for profile columns that name the first of several same-named columns: the reader
   * names the next ones `E-mail (2)`, `E-mail (3)` (`columns[j].repeatOf`); when the profile
   * reads none of those, say so.
   */
  duplicateNotes(columns: readonly ColumnInfo[]): RowIssue[] {
    const notes: RowIssue[] = [];
    for (const [i, column] of this.named) {
      const header = this.headers[i] ?? column;
      const twins = columns.filter((c) => c.repeatOf === i).map((c) => c.index);
      if (twins.length === 0 || twins.some((j) => this.used.has(j))) continue;
      const next = twins.map((j) => this.headers[j] as string);
      notes.push({
        row: 0, column: header, field: '', value: header, severity: 'warning', code: 'duplicate-column',
        message: `The file has more than one column named "${header}": the profile's "${column}" reads the first (column ${columnLetter(i)}); `
          + `the others are ${next.map((n, k) => `"${n}" (column ${columnLetter(twins[k] as number)})`).join(', ')} and are not read.`,
        params: { letter: columnLetter(i), next: next.join(', '), nextLetters: twins.map((j) => columnLetter(j)).join(', '), count: twins.length },
      });
    }
    return notes;
  }

  private typeOf(field: string, as: FieldType | undefined, custom: string | undefined): FieldType {
    if (as) return as;
    if (custom !== undefined) return schemaType(this.schema?.fields[custom]) ?? 'text';
    return catalogField(field)?.type ?? 'text';
  }

  private postCheck(field: string, type: FieldType, custom: string | undefined): PostCheck | null {
    const s = this.schema;
    if (!s) return null;
    if (field === 'project.StatusId' && Object.keys(s.statuses).length) return optionChecker(s.statuses, 'status');
    if (field === 'project.UserId' && Object.keys(s.users).length) return optionChecker(s.users, 'user');
    const name = custom ?? (field === 'project.Name' ? 'Name' : undefined);
    const t = name === undefined ? undefined : s.fields[name];
    if (t?.kind === 'enum') return optionChecker(t.options, `option of ${name}`);
    if (t?.kind === 'text' && t.maxLength !== null) return lengthChecker(t.maxLength);
    // `as` may have made an Int field something else; MiniCRM still takes whole numbers only.
    if (t?.kind === 'int' && type !== 'integer') return integerChecker;
    return null;
  }

  private constant(field: string, type: FieldType, value: string, post: PostCheck | null): string {
    const p = parseByType(type, value, this.phoneRegion);
    const q = p.value !== null && post ? post(p.value) ?? p : p;
    if (q.value === null || q.problem?.severity === 'error') {
      const why = q.problem ? q.problem.text : 'is empty.';
      throw new UnusableInputError('invalid-constant', `"${field}" value "${value}" ${why}`, { field, value });
    }
    return q.value;
  }
}

function schemaType(t: SchemaFieldType | undefined): FieldType | null {
  if (!t) return null;
  if (t.kind === 'int') return 'integer';
  if (t.kind === 'float') return 'number';
  if (t.kind === 'date') return 'date';
  return null;
}

export function parseByType(type: FieldType, s: string, region: string): Parsed {
  switch (type) {
    case 'integer': return parseIntegerText(s);
    case 'number': return parseNumberText(s);
    case 'date': return parseDateText(s);
    case 'email': return checkEmail(s);
    case 'phone': return normalisePhone(s, region);
    case 'url': return normaliseUrl(s);
    default: return cleanText(s);
  }
}
