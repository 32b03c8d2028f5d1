import { readFile, writeFile } from 'node:fs/promises';
import type { DeliveredMapping } from '../../../../shared/ipc/types';
import type { ProfileV1 } from '../../../../shared/profile/profile-types';
import { UnusableInputError } from '../../../../shared/domain/errors';
import { parseProfile, parseProfileText, serializeProfile } from '../../../../shared/profile/profile-parse';
import { headerFingerprint } from '../../../../shared/profile/propose';
import { comesBack } from '../../../services/app/restored-rows';
import { sourceKey } from '../../../services/app/source-key';
import { inspectFile, recogniseLayout } from '../../../services/engine/inspect';
import type { Handlers } from '../handle';
import type { HandlerDeps } from './deps';

type SourceChannels =
  | 'source:inspect' | 'profile:list' | 'profile:get' | 'profile:save' | 'profile:delete' | 'profile:import' | 'profile:export';

/** Saved profiles that still parse (a profile saved by an older version that no longer does is skipped). */
function savedProfiles(deps: HandlerDeps): Array<{ id: number; name: string; profile: ProfileV1 }> {
  const out: Array<{ id: number; name: string; profile: ProfileV1 }> = [];
  for (const p of deps.db.profiles.list()) {
    try {
      out.push({ id: p.id, name: p.name, profile: parseProfileText(p.json) });
    } catch {
      // listed in profile:list, refused with its message on profile:get
    }
  }
  return out;
}

/** The mapping of the last delivered sync whose layout this file has (each distinct mapping once, newest first). */
function deliveredMapping(deps: HandlerDeps, headers: readonly string[]): DeliveredMapping | null {
  const seen = new Set<string>();
  const candidates: DeliveredMapping[] = [];
  for (const r of deps.db.runs.deliveredProfiles()) {
    if (seen.has(r.profileJson)) continue;
    seen.add(r.profileJson);
    try {
      candidates.push({ runId: r.runId, deliveredAt: r.finishedAt, sourceName: r.sourceName, profileName: r.profileName, profile: parseProfileText(r.profileJson) });
    } catch {
      // a mapping an older version stored that no longer parses is not offered
    }
  }
  return recogniseLayout(headers, candidates);
}

const safeName = (name: string) => name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').trim() || 'profile';

export function sourceHandlers(deps: HandlerDeps): Pick<Handlers, SourceChannels> {
  return {
    'source:inspect': async ({ path, options }) => {
      const saved = savedProfiles(deps);
      const r = await inspectFile(path, options ?? {}, saved);
      deps.db.recent.touch(path, r.info.fileName, r.info.size);
      const m = r.matched;
      const id = m ? (saved.find((s) => s.name === m.name)?.id ?? null) : null;
      return {
        info: r.info,
        proposal: r.proposal,
        matched: m && id !== null
          ? { id, name: m.name, profile: m.profile, newColumns: m.added, missingColumns: m.missing, renamedColumns: m.renamed }
          : null,
        // The rows that will come back into this file's check (not those parked from this very file).
        parkedRows: m ? deps.db.parked.list(m.name).filter(comesBack(await sourceKey(path))).length : 0,
        delivered: deliveredMapping(deps, r.info.headers),
      };
    },
    'profile:list': async () => deps.db.profiles.list().map((p) => ({ id: p.id, name: p.name, updatedAt: p.updatedAt })),
    'profile:get': async ({ id }) => {
      const p = deps.db.profiles.get(id);
      if (!p) throw new UnusableInputError('profile-not-found', `Profile ${id} does not exist.`, { profile: String(id) });
      return { id: p.id, name: p.name, updatedAt: p.updatedAt, profile: parseProfileText(p.json) };
    },
    'profile:save': async ({ id, profile, headers }) => {
      const valid = parseProfile(profile);
      if (id !== undefined && deps.db.profiles.get(id)) deps.db.profiles.rename(id, valid.name);
      return { id: deps.db.profiles.save(valid.name, serializeProfile(valid), headers ? headerFingerprint(headers) : null) };
    },
    'profile:delete': async ({ id }) => deps.db.profiles.delete(id),
    'profile:import': async () => {
      const path = await deps.dialogs.openProfile();
      if (!path) return null;
      return { profile: parseProfileText(await readFile(path, 'utf8')), path };
    },
    'profile:export': async ({ profile }) => {
      const valid = parseProfile(profile);
      const path = await deps.dialogs.saveFile({ defaultName: `${safeName(valid.name)}.json`, kind: 'profile' });
      if (!path) return null;
      await writeFile(path, serializeProfile(valid), 'utf8');
      return { path };
    },
  };
}
