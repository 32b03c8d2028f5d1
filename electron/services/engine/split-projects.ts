/**
 * The last step of a read: Projects whose rows lie apart (split-keys.ts) put together from all
 * their rows, in row order exactly as rows next to each other are, then classified, written and
 * staged like every other Project (after them, in the order of their first rows). Their rows come
 * in piles (split-piles.ts), each finished on a reading thread like a range.
 */
import type { AssembledProject, FeedProject } from '../../../shared/domain/project';
import type { CompiledMapping, RowResult } from '../../../shared/mapping/compile-mapping';
import { mergeInto, startProject } from '../../../shared/mapping/merge-projects';
import type { ProfileV1 } from '../../../shared/profile/profile-types';
import { unpackProject } from '../delta/index';
import type { ProjectOutput } from './project-output';
import type { ProblemRow, RangeResult } from './reading-work';
import type { SplitRow } from './split-piles';

/** Finishes the Ids of a pile (readPile); conflicts are handed back while fewer than `limit` issues were. */
export function finishPile(pile: Iterable<{ id: string; rows: SplitRow[] }>, compiled: CompiledMapping,
  ordered: (p: FeedProject) => FeedProject, output: ProjectOutput, limit: number): RangeResult {
  const counts = { rows: 0, excluded: 0, projects: 0, valid: 0, rejected: 0, errors: 0, warnings: 0 };
  const byCode: Record<string, number> = {};
  const problems: ProblemRow[] = [];
  let handed = 0;
  let batch: FeedProject[] = [];
  for (const { id, rows } of pile) {
    let project: AssembledProject | null = null;
    for (const r of rows) {
      const result: RowResult = { id, project: ordered(unpackProject(r.packed)), issues: [], hasError: r.rejected, sources: compiled.sources, conflicts: compiled.conflicts };
      if (!project) {
        project = startProject(result, r.row);
        continue;
      }
      const issues = mergeInto(project, result, r.row);
      if (issues.length === 0) continue;
      const errors = issues.filter((i) => i.severity === 'error').length;
      counts.errors += errors;
      counts.warnings += issues.length - errors;
      for (const i of issues) byCode[i.code] = (byCode[i.code] ?? 0) + 1;
      if (handed < limit) problems.push({ row: r.row, id, errors, warnings: issues.length - errors, issues });
      handed += issues.length;
    }
    counts.projects++;
    if (project!.rejected) counts.rejected++;
    else {
      counts.valid++;
      if (!output.wants) continue;
      batch.push(project!.project);
      if (batch.length >= 64) {
        output.add(batch);
        batch = [];
      }
    }
  }
  output.add(batch);
  return { counts, byCode, problems, output: output.finish(), dataRows: 0, marks: [], rowNumbers: null, keys: null };
}

/**
 * Packed values keep custom fields in name order (for the hash); the feed lists them in the
 * profile's order, as for every other Project.
 */
export function customOrder(profile: ProfileV1): (p: FeedProject) => FeedProject {
  const rank = new Map(Object.keys(profile.custom ?? {}).map((name, i) => [name, i]));
  const at = (name: string): number => rank.get(name) ?? rank.size;
  return (p) => {
    if (p.custom.length > 1) p.custom.sort((a, b) => at(a[0]) - at(b[0]));
    return p;
  };
}
