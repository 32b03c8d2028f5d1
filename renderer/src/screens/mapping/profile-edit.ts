/**
 * Pure edits of a ProfileV1 as the Mapping screen needs them: "column X goes to field T" and
 * "field T always gets value V". Targets are concrete paths: `project.Name`, `business.Emails`,
 * `business.Addresses[0].City`, `contacts[1].LastName`, `contacts[0].Phones`, `custom.Enum1221`.
 * Options the user set in a profile file (split, type, as, default) survive re-assignments.
 */
import type { FieldRef, FieldType, ProfileV1, ValueListSpec } from '../../../../shared/profile/profile-types';

type Obj = Record<string, unknown>;

export interface TargetRef {
  target: string;
  ref: FieldRef;
}

/** Headers match ignoring case and surrounding spaces (as the engine does). */
export const sameColumn = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

export const refColumn = (ref: FieldRef | undefined): string | undefined => (typeof ref === 'string' ? ref : ref?.column);
export const refValue = (ref: FieldRef | undefined): string | undefined => (typeof ref === 'string' ? undefined : ref?.value);

const LISTS = new Set(['Emails', 'Phones']);

/** Every field of the profile with its reference; list entries appear once each under the list's target. */
export function profileEntries(p: ProfileV1): TargetRef[] {
  const out: TargetRef[] = [];
  const scalars = (prefix: string, o: Obj | undefined, skip: readonly string[] = []): void => {
    if (!o) return;
    for (const [k, v] of Object.entries(o)) {
      if (skip.includes(k) || v === undefined) continue;
      if (LISTS.has(k) && Array.isArray(v)) for (const e of v as ValueListSpec[]) out.push({ target: `${prefix}${k}`, ref: e });
      else if (typeof v === 'string' || (typeof v === 'object' && v !== null && !Array.isArray(v))) out.push({ target: `${prefix}${k}`, ref: v as FieldRef });
    }
  };
  scalars('project.', p.project as Obj);
  scalars('business.', p.business as Obj | undefined, ['Addresses']);
  p.business?.Addresses?.forEach((a, i) => scalars(`business.Addresses[${i}].`, a as Obj, ['type']));
  p.contacts?.forEach((c, i) => scalars(`contacts[${i}].`, c as Obj));
  scalars('custom.', p.custom as Obj | undefined);
  return out;
}

/** The targets each header is mapped to (by header text as in the file). */
export function targetsOf(p: ProfileV1, header: string): string[] {
  return profileEntries(p).filter((e) => { const c = refColumn(e.ref); return c !== undefined && sameColumn(c, header); }).map((e) => e.target);
}

export function constantsOf(p: ProfileV1): Array<{ target: string; value: string }> {
  return profileEntries(p).flatMap((e) => { const v = refValue(e.ref); return v === undefined ? [] : [{ target: e.target, value: v }]; });
}

/** Parses a target into the container path and key inside it. */
function locate(target: string): { container: (string | number)[]; key: string; list: boolean } {
  const m = /^(project|business|custom)\.(.+)$/.exec(target) ?? /^(contacts)\[(\d+)\]\.(.+)$/.exec(target);
  if (!m) throw new Error(`Unknown target ${target}`);
  if (m[1] === 'contacts') return { container: ['contacts', Number(m[2])], key: m[3]!, list: LISTS.has(m[3]!) };
  const addr = /^Addresses\[(\d+)\]\.(\w+)$/.exec(m[2]!);
  if (addr) return { container: ['business', 'Addresses', Number(addr[1])], key: addr[2]!, list: false };
  return { container: [m[1]!], key: m[2]!, list: m[1] !== 'custom' && LISTS.has(m[2]!) };
}

/** Walks to (and creates) the object holding a target's key. */
function containerFor(p: ProfileV1, path: (string | number)[]): Obj {
  let cur: Obj | unknown[] = p as unknown as Obj;
  for (let i = 0; i < path.length; i++) {
    const k = path[i]!;
    const nextIsIndex = typeof path[i + 1] === 'number';
    const holder = cur as Record<string | number, unknown>;
    if (holder[k] === undefined || holder[k] === null) holder[k] = nextIsIndex ? [] : {};
    if (Array.isArray(holder[k]) && typeof path[i + 1] === 'number') {
      const arr = holder[k] as unknown[];
      while (arr.length <= (path[i + 1] as number)) arr.push({});
    }
    cur = holder[k] as Obj;
  }
  return cur as Obj;
}

/** Drops empty containers so saved profiles stay tidy (and pass the strict parser). */
function tidy(p: ProfileV1): ProfileV1 {
  if (p.business) {
    if (p.business.Addresses) {
      p.business.Addresses = p.business.Addresses.filter((a) => Object.keys(a).some((k) => k !== 'type'));
      if (p.business.Addresses.length === 0) delete p.business.Addresses;
    }
    for (const k of ['Emails', 'Phones'] as const) if (p.business[k]?.length === 0) delete p.business[k];
    if (Object.keys(p.business).length === 0) delete p.business;
  }
  if (p.contacts) {
    for (const c of p.contacts) for (const k of ['Emails', 'Phones'] as const) if (c[k]?.length === 0) delete c[k];
    while (p.contacts.length > 0 && Object.keys(p.contacts[p.contacts.length - 1]!).length === 0) p.contacts.pop();
    if (p.contacts.length === 0) delete p.contacts;
  }
  if (p.custom && Object.keys(p.custom).length === 0) delete p.custom;
  return p;
}

function removeWhere(p: ProfileV1, match: (e: TargetRef) => boolean): void {
  for (const e of profileEntries(p)) {
    if (!match(e)) continue;
    const { container, key, list } = locate(e.target);
    const holder = containerFor(p, container);
    if (list) holder[key] = (holder[key] as ValueListSpec[]).filter((x) => x !== e.ref);
    else delete holder[key];
  }
}

/** Maps `header` to `target` (null: not used). A scalar target taken by another column moves to this one. */
export function assignColumn(profile: ProfileV1, header: string, target: string | null): ProfileV1 {
  const p = structuredClone(profile);
  const previous = profileEntries(p).find((e) => { const c = refColumn(e.ref); return c !== undefined && sameColumn(c, header); });
  removeWhere(p, (e) => { const c = refColumn(e.ref); return c !== undefined && sameColumn(c, header); });
  if (target) {
    const { container, key, list } = locate(target);
    if (!list) removeWhere(p, (e) => e.target === target);
    // Keep options like `as`/`type` when the same column only moves between fields of the same kind.
    const prevSpec = previous && typeof previous.ref === 'object' ? previous.ref : null;
    const prevList = previous ? locate(previous.target).list : false;
    const holder = containerFor(p, container);
    if (list) {
      const kept: ValueListSpec = prevSpec && prevList ? { ...prevSpec } : { split: true };
      holder[key] = [...((holder[key] as ValueListSpec[] | undefined) ?? []), { ...kept, column: header }];
    } else {
      holder[key] = prevSpec?.as && !prevList ? { as: prevSpec.as, column: header } : header;
    }
  }
  return tidy(p);
}

/** Sets (or with null removes) a constant value for a scalar target. */
export function setConstant(profile: ProfileV1, target: string, value: string | null): ProfileV1 {
  const p = structuredClone(profile);
  removeWhere(p, (e) => e.target === target && refValue(e.ref) !== undefined);
  if (value !== null) {
    const { container, key, list } = locate(target);
    if (list) throw new Error('Lists take columns, not constants');
    removeWhere(p, (e) => e.target === target);
    containerFor(p, container)[key] = { value };
  }
  return tidy(p);
}

/** Re-points every use of column `from` to column `to` (a column renamed in the new export). */
export function renameColumn(profile: ProfileV1, from: string, to: string): ProfileV1 {
  const p = structuredClone(profile);
  for (const e of profileEntries(p)) {
    const c = refColumn(e.ref);
    if (c === undefined || !sameColumn(c, from)) continue;
    if (typeof e.ref === 'object') e.ref.column = to;
    else {
      const { container, key } = locate(e.target);
      containerFor(p, container)[key] = to;
    }
  }
  return p;
}

/** How many contacts the picker should offer: those in use plus one empty slot. */
export function contactSlots(p: ProfileV1): number {
  return (p.contacts?.length ?? 0) + 1;
}

export function customNames(p: ProfileV1): string[] {
  return Object.keys(p.custom ?? {});
}

/** Maps `header` to the custom field `name`, read as `as` (a date, a number) when MiniCRM says it is one. */
export function assignCustom(profile: ProfileV1, header: string, name: string, as?: FieldType): ProfileV1 {
  const p = assignColumn(profile, header, `custom.${name}`);
  if (as && as !== 'text') p.custom = { ...p.custom, [name]: { column: header, as } };
  return p;
}
