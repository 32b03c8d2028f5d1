/**
 * The last step of a read: Projects whose rows lie apart (split-keys.ts) put together from all
 * their rows, in row order exactly as rows next to each other are, then classified, written and
 * staged like every other Project (after them, in the order of their first rows).
 */
import type { AssembledProject, FeedProject } from '../../../shared/domain/project';
import type { CompiledMapping, RowResult } from '../../../shared/mapping/compile-mapping';
import { mergeInto, startProject } from '../../../shared/mapping/merge-projects';
import type { ProfileV1 } from '../../../shared/profile/profile-types';
import type { ScratchStore } from '../db/scratch-store';
import { unpackProject } from '../delta/index';
import { ProjectOutput } from './project-output';
import type { PipelineRun, PipelineSinks } from './pipeline';
import type { ProblemRow } from './reading-work';
import type { RunTally } from './run-tally';

/** Projects handed on at a time (the same batch size whatever the thread count). */
const BATCH = 2000;

export async function finishSplitProjects(store: ScratchStore, profile: ProfileV1, compiled: CompiledMapping, run: PipelineRun,
  tally: RunTally, sinks: PipelineSinks): Promise<void> {
  const output = new ProjectOutput(run.mode, run.db?.delivered ?? null);
  const ordered = customOrder(profile);
  let batch: FeedProject[] = [];
  const flush = async (): Promise<void> => {
    output.add(batch);
    const o = output.finish();
    batch = [];
    tally.output(o);
    if (sinks.output) await sinks.output(o);
  };
  for (const { id, rows } of store.splitProjects()) {
    let project: AssembledProject | null = null;
    const conflicts: ProblemRow[] = [];
    for (const r of rows) {
      const result: RowResult = { id, project: ordered(unpackProject(r.packed)), issues: [], hasError: r.rejected, sources: compiled.sources, conflicts: compiled.conflicts };
      if (!project) {
        project = startProject(result, r.row);
        continue;
      }
      const issues = mergeInto(project, result, r.row);
      if (issues.length > 0) {
        const errors = issues.filter((i) => i.severity === 'error').length;
        conflicts.push({ row: r.row, id, errors, warnings: issues.length - errors, issues });
      }
    }
    tally.addProject(project!.rejected, conflicts);
    if (conflicts.length > 0) await sinks.problems?.(conflicts, true);
    if (!project!.rejected) batch.push(project!.project);
    if (batch.length >= BATCH) await flush();
  }
  if (batch.length > 0) await flush();
}

/**
 * Packed values keep custom fields in name order (for the hash); the feed lists them in the
 * profile's order, as for every other Project.
 */
function customOrder(profile: ProfileV1): (p: FeedProject) => FeedProject {
  const rank = new Map(Object.keys(profile.custom ?? {}).map((name, i) => [name, i]));
  const at = (name: string): number => rank.get(name) ?? rank.size;
  return (p) => {
    if (p.custom.length > 1) p.custom.sort((a, b) => at(a[0]) - at(b[0]));
    return p;
  };
}
