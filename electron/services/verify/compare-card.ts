/**
 * One card: what a run sent (flat paths, as the change preview names them) against what MiniCRM's
 * R3 API gives back for the card and its company. Only what R3 gives back is compared; the rest
 * is "not comparable" with the reason, never counted as a match.
 */
import type { ProjectSchema, SchemaFieldType } from '../../../shared/domain/schema';
import type { CardStatus, FieldCheck, NotComparableReason } from '../../../shared/domain/verification';
import { foundText, sameValue, type Sameness, type ValueKind } from './value-match';

export type Flat = Readonly<Record<string, string>>;

/** A card as R3 gives it back: the project, and its company (`Contact/{ContactId}`) when read. */
export interface R3Card {
  minicrmId: string;
  project: Readonly<Record<string, unknown>>;
  business: Readonly<Record<string, unknown>> | null;
}

export interface CardInput {
  sent: Flat;
  /** The card's delivered state before the run: {} for a card the run created, null when unknown. */
  before: Flat | null;
  /** The delivered state now (a later sync may have changed fields since), null when unknown. */
  current: Flat | null;
  card: R3Card;
  schema: ProjectSchema | null;
  /** Country of phone numbers written without one. */
  region: string;
}

export interface CardOutcome {
  /** `pending`: MiniCRM still shows the card as it was before this run (the import has not reached it yet). */
  status: Exclude<CardStatus, 'missing'>;
  note: 'old-values' | 'deleted' | null;
  matched: number;
  fields: FieldCheck[];
  /** Some of the run's changes are there and others still hold their old values: MiniCRM may be importing the card right now. */
  halfway: boolean;
}

/** Feed names of the company's fields -> R3 Contact keys (the feed's EUVatNumber is R3's VatNumber). */
const BUSINESS_KEYS: Record<string, readonly string[]> = {
  Name: ['Name'], Url: ['Url'], Description: ['Description'], Region: ['Region'], Employees: ['Employees'],
  YearlyRevenue: ['YearlyRevenue'], EUVatNumber: ['EUVatNumber', 'VatNumber'], RegistrationNumber: ['RegistrationNumber'],
  BankAccount: ['BankAccount'], Swift: ['Swift'],
};
const BUSINESS_KINDS: Record<string, ValueKind['kind']> = { Url: 'url', Employees: 'number', YearlyRevenue: 'number' };

function schemaKind(t: SchemaFieldType | undefined): ValueKind {
  if (!t) return { kind: 'unknown' };
  switch (t.kind) {
    case 'text': return { kind: 'text' };
    case 'int': case 'float': return { kind: 'number' };
    case 'date': return { kind: 'date' };
    case 'enum': return { kind: 'enum', options: t.options };
    default: return { kind: 'unknown' };
  }
}

type Located = { kind: ValueKind; found: unknown } | { reason: NotComparableReason };

/** The entry R3 keeps as the company's one e-mail / phone: the feed's default entry, else its first. */
function mainIndex(sent: Flat, list: 'Emails' | 'Phones'): number {
  for (let i = 0; Object.hasOwn(sent, `Business.${list}[${i}].Value`); i++) {
    if (sent[`Business.${list}[${i}].Default`] === '1') return i;
  }
  return 0;
}

function locate(field: string, input: CardInput): Located {
  const { project, business } = input.card;
  const schema = input.schema;
  if (!field.includes('.') && !field.includes('[')) {
    if (!Object.hasOwn(project, field)) return { reason: 'not-returned' };
    const kind: ValueKind = field === 'StatusId' ? (schema && Object.keys(schema.statuses).length ? { kind: 'enum', options: schema.statuses } : { kind: 'unknown' })
      : field === 'UserId' ? (schema && Object.keys(schema.users).length ? { kind: 'enum', options: schema.users } : { kind: 'unknown' })
        : field === 'CategoryId' ? { kind: 'number' }
          : field === 'Name' && !schema?.fields.Name ? { kind: 'text' }
            : schemaKind(schema?.fields[field]);
    return { kind, found: project[field] };
  }
  let m: RegExpExecArray | null;
  const company = business ?? {};
  if ((m = /^Business\.(\w+)$/.exec(field)) && BUSINESS_KEYS[m[1]!]) {
    // No company on the card at all: what was sent is simply not there.
    if (business === null) return { kind: { kind: 'text' }, found: null };
    const key = BUSINESS_KEYS[m[1]!]!.find((k) => Object.hasOwn(company, k));
    if (key === undefined) return { reason: 'not-returned' };
    return { kind: { kind: BUSINESS_KINDS[m[1]!] ?? 'text' } as ValueKind, found: company[key] };
  }
  if ((m = /^Business\.(Emails|Phones)\[(\d+)\]\.(Value|Type|Default)$/.exec(field))) {
    const list = m[1] as 'Emails' | 'Phones';
    if (Number(m[2]) !== mainIndex(input.sent, list)) return { reason: 'not-read' };
    const one = list === 'Emails' ? 'Email' : 'Phone';
    if (business === null) return { kind: { kind: 'text' }, found: null };
    // R3 gives the company's default entry as its one Email/Phone: a value there is the default.
    if (m[3] === 'Default') return { kind: { kind: 'text' }, found: foundText(company[one]) ? '1' : '' };
    const key = `${one}${m[3] === 'Type' ? 'Type' : ''}`;
    if (!Object.hasOwn(company, key)) return { reason: 'not-returned' };
    const kind: ValueKind = m[3] === 'Type' ? { kind: 'unknown' } : { kind: list === 'Emails' ? 'email' : 'phone' };
    return { kind, found: company[key] };
  }
  return { reason: 'not-read' };
}

const reasonFor = (kind: ValueKind): NotComparableReason =>
  kind.kind === 'enum' ? 'unknown-option' : kind.kind === 'unknown' ? 'unknown-field' : 'format';

const shown = (found: unknown): string | null => {
  const t = foundText(found);
  return t === undefined ? JSON.stringify(found) : t;
};

export function compareCard(input: CardInput): CardOutcome {
  const { sent, before, current } = input;
  const deleted = String(input.card.project.Deleted ?? '0') === '1';
  const fields: FieldCheck[] = [];
  const old: FieldCheck[] = [];
  let matched = 0;
  let changedMatched = false;
  let differs = false;
  for (const [field, value] of Object.entries(sent)) {
    if (current && current[field] !== value) {
      fields.push({ field, outcome: 'not-comparable', sent: value, found: null, reason: 'later-run' });
      continue;
    }
    const at = locate(field, input);
    if ('reason' in at) {
      fields.push({ field, outcome: 'not-comparable', sent: value, found: null, reason: at.reason });
      continue;
    }
    // The run changed this field (or created the card): MiniCRM showing it tells the import arrived.
    const changed = before === null || before[field] !== value;
    const same: Sameness = sameValue(at.kind, value, at.found, input.region);
    if (same === 'same') {
      matched++;
      if (changed) changedMatched = true;
      continue;
    }
    if (same === 'unknown') {
      fields.push({ field, outcome: 'not-comparable', sent: value, found: shown(at.found), reason: reasonFor(at.kind) });
      continue;
    }
    const check: FieldCheck = { field, outcome: 'differs', sent: value, found: shown(at.found) };
    const previous = before?.[field];
    const stillOld = changed && before !== null && sameValue(at.kind, previous ?? '', at.found, input.region) === 'same';
    if (stillOld) old.push(check);
    else differs = true;
    fields.push(check);
  }
  if (deleted) return { status: 'differs', note: 'deleted', matched, fields, halfway: false };
  if (differs) return { status: 'differs', note: null, matched, fields, halfway: false };
  if (old.length > 0 && changedMatched) return { status: 'differs', note: null, matched, fields, halfway: true };
  if (old.length > 0) return { status: 'pending', note: 'old-values', matched, fields, halfway: false };
  return { status: matched > 0 ? 'match' : 'not-comparable', note: null, matched, fields, halfway: false };
}
