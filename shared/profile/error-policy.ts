import type { ErrorAction, ErrorPolicy, ProfileV1 } from './profile-types';

/** What a profile of version 2 does where its `onError` says nothing: one bad value no longer sinks a card. */
export const DEFAULT_POLICY: Readonly<ErrorPolicy> = Object.freeze({ values: 'leave-out', projectFields: 'reject', conflicts: 'leave-out' });

/** What every profile did before `onError` existed, kept for version 1 files so that they still send what they sent. */
export const VERSION_1_POLICY: Readonly<ErrorPolicy> = Object.freeze({ values: 'reject', projectFields: 'reject', conflicts: 'leave-out' });

export const ERROR_ACTIONS: readonly ErrorAction[] = ['leave-out', 'reject'];
export const POLICY_KEYS = ['values', 'projectFields', 'conflicts'] as const satisfies ReadonlyArray<keyof ErrorPolicy>;

/** The policy a profile works with: its own keys over the defaults of its version. */
export function errorPolicy(p: Pick<ProfileV1, 'version' | 'onError'>): ErrorPolicy {
  const base = p.version === 1 && p.onError === undefined ? VERSION_1_POLICY : DEFAULT_POLICY;
  return { ...base, ...(p.onError ?? {}) };
}

/** The profile with a (changed) policy, spelled out in full: it is a version 2 profile from then on. */
export function withErrorPolicy(p: ProfileV1, change: Partial<ErrorPolicy>): ProfileV1 {
  return { ...p, version: 2, onError: { ...errorPolicy(p), ...change } };
}

/** Which policy key decides about a field (`project.Name`, `contacts[0].Emails`); null for the Id, which always rejects. */
export function policyKeyOf(field: string): 'values' | 'projectFields' | null {
  if (field === 'project.Id') return null;
  return field.startsWith('project.') ? 'projectFields' : 'values';
}
