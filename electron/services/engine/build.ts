/**
 * `build`: validate, write the feed of the valid Projects (all, or only those that differ from
 * what MiniCRM last confirmed), stage what the delivered state becomes with it, and record the run.
 * Nothing here advances the delivered baseline: only a confirmed SyncFeed does (publishing).
 */
import { join } from 'node:path';
import type { JobContext } from '../../../shared/domain/job';
import type { RowIssue } from '../../../shared/domain/issue';
import type { ChangePreview, RunCounts } from '../../../shared/domain/run';
import type { ProfileV1 } from '../../../shared/profile/profile-types';
import { serializeProfile } from '../../../shared/profile/profile-parse';
import type { AppDatabase } from '../db/database';
import { FeedWriter, feedFileName } from '../feed/index';
import { userDataDir } from '../paths';
import { runPipeline, type PipelineOptions } from './pipeline';
import { describeSource, recordFailure } from './run-records';

export interface BuildOptions extends PipelineOptions {
  mode: 'changed' | 'full';
  /** Exact feed path; otherwise a unique name in `outDir` (default: the app's feeds folder). */
  out?: string;
  outDir?: string;
  /** Write nothing when any row has an error. */
  strict?: boolean;
}

export interface BuildReport {
  runId: number;
  status: 'built' | 'failed';
  /** Why nothing was written (strict mode with errors). */
  reason: string | null;
  feedPath: string | null;
  feedSize: number | null;
  feedSha256: string | null;
  counts: RunCounts;
  issues: RowIssue[];
  issuesTruncated: boolean;
  preview: ChangePreview;
}

/** Builds whose staged projects stay (publish later, send again); older ones are dropped. */
const KEEP_STAGED_RUNS = 5;

export const defaultFeedDir = (): string => join(userDataDir(), 'feeds');

export async function buildFeed(app: AppDatabase, path: string, profile: ProfileV1, options: BuildOptions, ctx: JobContext): Promise<BuildReport> {
  const source = await describeSource(path);
  const runId = app.runs.create({
    kind: 'build', sourceName: source.name, sourcePath: source.path, sourceSize: source.size,
    profileName: profile.name, profileJson: serializeProfile(profile), mode: options.mode,
  });
  const { mode, out, outDir, strict, ...pipeline } = options;
  const outPath = out ?? join(outDir ?? defaultFeedDir(), feedFileName(new Date(), runId));
  let writer: FeedWriter | null = null;
  try {
    const feed = await FeedWriter.open(outPath);
    writer = feed;
    const db = { file: app.file, delivered: app.delivered, ...(app.nativeBinding ? { nativeBinding: app.nativeBinding } : {}) };
    // The history keeps the first issues and how many there were in all.
    const stats = await runPipeline(path, profile, { maxIssues: app.runs.issueCap, ...pipeline }, { mode, db }, ctx, {
      output: async (o) => {
        if (o.xml && o.written > 0) {
          await feed.writeEncoded({ bytes: o.xml, projects: o.written, warnings: o.warnings, warningCount: o.warningCount, ...(o.release ? { release: o.release } : {}) });
        }
        if (o.staged) app.runs.stageEncoded(runId, o.stagedCount, o.staged);
        ctx.progress('writing', feed.projects, null, 'projects');
      },
    });
    const { preview } = stats;
    const counts: RunCounts = {
      rows: stats.rows, projects: stats.projects, written: 0, unchanged: mode === 'changed' ? preview.counts.unchanged : 0,
      rejected: stats.rejected, errors: stats.errors, warnings: stats.warnings,
    };
    ctx.progress('recording', 0, null, 'rows');
    app.runs.addIssues(runId, stats.issues, stats.errors + stats.warnings);
    const sourceSha256 = await source.sha256;
    if (strict && stats.errors > 0) {
      await feed.abort();
      app.runs.clearStaged(runId);
      const reason = `${stats.errors} error(s) in the rows; with --strict nothing is written.`;
      app.runs.finish(runId, 'failed', { counts, error: reason, sourceSha256, sheet: stats.info.sheet });
      return { runId, status: 'failed', reason, feedPath: null, feedSize: null, feedSha256: null, counts, issues: stats.issues, issuesTruncated: stats.issuesTruncated, preview };
    }
    const commit = await feed.commit();
    counts.written = commit.projects;
    if (commit.warnings.length) app.runs.addIssues(runId, commit.warnings);
    app.runs.finish(runId, 'built', {
      counts, feedPath: commit.path, feedSize: commit.size, feedSha256: commit.sha256, sourceSha256, sheet: stats.info.sheet,
    });
    app.runs.pruneStaged(KEEP_STAGED_RUNS);
    return {
      runId, status: 'built', reason: null, feedPath: commit.path, feedSize: commit.size, feedSha256: commit.sha256,
      counts, issues: stats.issues, issuesTruncated: stats.issuesTruncated, preview,
    };
  } catch (e) {
    await writer?.abort();
    recordFailure(app, runId, e);
    throw e;
  }
}
