import type { ProjectSchema, SchemaFieldType } from '../../../shared/domain/schema';
import type { AppDatabase } from '../db';
import { apiStatusError, r3Request } from './minicrm-api';
import { PublishError } from './publish-error';
import type { SecretStore } from './secret-store';
import { requireSettings, type ConnectionSettings } from './settings';

/** "Text(512)" / "Int" / "DateTime" / {"1": "Gold"} -> a field type the validator understands. */
export function parseFieldType(v: unknown): SchemaFieldType {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const options: Record<string, string> = {};
    for (const [k, label] of Object.entries(v)) options[k] = String(label);
    return { kind: 'enum', options };
  }
  const raw = String(v ?? '').trim();
  const text = /^(?:Text|String|Varchar)\s*(?:\((\d+)\))?$/i.exec(raw);
  if (text) return { kind: 'text', maxLength: text[1] ? Number(text[1]) : null };
  if (/^(?:Int|Integer|BigInt)$/i.test(raw)) return { kind: 'int' };
  if (/^(?:Float|Double|Decimal|Number)(?:\(.*\))?$/i.test(raw)) return { kind: 'float' };
  if (/^(?:Date|DateTime|Timestamp)$/i.test(raw)) return { kind: 'date' };
  return { kind: 'other', raw };
}

function optionMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (v && typeof v === 'object' && !Array.isArray(v)) for (const [k, label] of Object.entries(v)) out[k] = String(label);
  return out;
}

/** MiniCRM's `/Api/R3/Schema/Project/{CategoryId}` answer -> ProjectSchema. */
export function parseProjectSchema(categoryId: string, raw: unknown, fetchedAt: string): ProjectSchema {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new PublishError('minicrm-unexpected-answer', `MiniCRM's schema of category ${categoryId} is not a JSON object.`);
  }
  const fields: Record<string, SchemaFieldType> = {};
  let statuses: Record<string, string> = {};
  let users: Record<string, string> = {};
  for (const [name, v] of Object.entries(raw)) {
    if (name === 'StatusId') statuses = optionMap(v);
    else if (name === 'UserId') users = optionMap(v);
    else fields[name] = parseFieldType(v);
  }
  return { categoryId, fetchedAt, fields, statuses, users };
}

interface R3Deps {
  timeoutMs?: number;
  signal?: AbortSignal;
  now?: () => Date;
}

async function r3Json(db: AppDatabase, settings: ConnectionSettings, secrets: SecretStore, path: string, deps: R3Deps): Promise<unknown> {
  await requireSettings(settings, secrets, { api: true });
  const a = await r3Request(db.apiCalls, settings, (await secrets.get('minicrm.apiKey')) ?? '', {
    path, timeoutMs: deps.timeoutMs ?? 30_000, signal: deps.signal, now: deps.now, retries: 0,
  });
  const err = apiStatusError(a, deps.now?.());
  if (err) throw err;
  try {
    return JSON.parse(a.body) as unknown;
  } catch {
    throw new PublishError('minicrm-unexpected-answer', `MiniCRM answered ${path} with something that is not JSON.`);
  }
}

/** `GET /Api/R3/Category` -> {"<id>": "<name>"}. */
export async function fetchCategories(db: AppDatabase, settings: ConnectionSettings, secrets: SecretStore, deps: R3Deps = {}): Promise<Record<string, string>> {
  return optionMap(await r3Json(db, settings, secrets, '/Api/R3/Category', deps));
}

/**
 * The category's project schema: from the SQLite cache unless `refresh` (or nothing cached);
 * a fresh answer replaces the cache. The UI shows `fetchedAt` as the schema's age.
 */
export async function getProjectSchema(
  db: AppDatabase, settings: ConnectionSettings, secrets: SecretStore, categoryId: string,
  opts: R3Deps & { refresh?: boolean } = {},
): Promise<ProjectSchema> {
  if (!/^\d+$/.test(categoryId)) throw new PublishError('category-id-invalid', `Category id must be a number: "${categoryId}".`, false, { categoryId });
  if (!opts.refresh) {
    const cached = db.schemas.get<ProjectSchema>(categoryId);
    if (cached) return cached.value;
  }
  const raw = await r3Json(db, settings, secrets, `/Api/R3/Schema/Project/${categoryId}`, opts);
  const schema = parseProjectSchema(categoryId, raw, (opts.now?.() ?? new Date()).toISOString());
  db.schemas.set(categoryId, schema, schema.fetchedAt);
  return schema;
}
