import type { FieldRef, ProfileV1 } from '../../../shared/profile/profile-types';

/** Which catalog fields a profile takes from each column (normalised header -> field paths). */
export function profileColumnUses(profile: ProfileV1): Map<string, string[]> {
  const uses = new Map<string, string[]>();
  const add = (ref: FieldRef | undefined, path: string): void => {
    const column = typeof ref === 'string' ? ref : ref?.column;
    if (!column) return;
    const key = column.trim().toLowerCase();
    uses.set(key, [...(uses.get(key) ?? []), path]);
  };
  for (const [k, ref] of Object.entries(profile.project)) add(ref as FieldRef, `project.${k}`);
  const b = profile.business ?? {};
  for (const [k, ref] of Object.entries(b)) {
    if (k === 'Emails' || k === 'Phones') for (const s of ref as FieldRef[]) add(s, `business.${k}`);
    else if (k === 'Addresses') {
      for (const a of ref as Array<Record<string, FieldRef | undefined>>) {
        for (const [ak, ar] of Object.entries(a)) if (ak !== 'type') add(ar, `business.Addresses.${ak}`);
      }
    } else add(ref as FieldRef, `business.${k}`);
  }
  (profile.contacts ?? []).forEach((c, i) => {
    for (const [k, ref] of Object.entries(c)) {
      if (k === 'Emails' || k === 'Phones') for (const s of ref as FieldRef[]) add(s, `contacts[${i}].${k}`);
      else add(ref as FieldRef, `contacts[${i}].${k}`);
    }
  });
  for (const [k, ref] of Object.entries(profile.custom ?? {})) add(ref, `custom.${k}`);
  return uses;
}
