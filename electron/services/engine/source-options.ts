import type { SourceOptions } from '../../../shared/domain/source';
import type { ProfileV1 } from '../../../shared/profile/profile-types';

/** What the user chose now wins over what the profile remembers; anything unset is detected. */
export function sourceOptionsFor(profile: ProfileV1 | null, chosen: SourceOptions): SourceOptions {
  const fromProfile = profile?.source ?? {};
  const pick = <K extends keyof SourceOptions>(k: K): SourceOptions[K] => chosen[k] ?? fromProfile[k];
  const out: { -readonly [K in keyof SourceOptions]: SourceOptions[K] } = {};
  for (const k of ['sheet', 'headerRow', 'encoding', 'delimiter'] as const) {
    const v = pick(k);
    if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  }
  return out;
}
