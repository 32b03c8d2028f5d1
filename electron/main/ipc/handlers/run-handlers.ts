import { copyFile, realpath } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { UnusableInputError } from '../../../../shared/domain/errors';
import { discardRun, resendRun } from '../../../services/publish/run-actions';
import type { PublishPayload } from '../../../services/jobs/job-payloads';
import type { Handlers } from '../handle';
import type { HandlerDeps } from './deps';
import { secretSnapshot } from './job-handlers';
import { isOpenableFeed } from '../../security';

type RunChannels =
  | 'runs:list' | 'runs:get' | 'runs:open-feed' | 'runs:save-feed-as' | 'runs:send-again' | 'runs:trigger-now' | 'runs:discard';

function feedOf(deps: HandlerDeps, id: number): string {
  const run = deps.db.runs.getRecord(id);
  if (!run?.feedPath) throw new UnusableInputError('run-no-feed', `Run ${id} has no feed file.`, { id });
  return run.feedPath;
}

export function runHandlers(deps: HandlerDeps): Pick<Handlers, RunChannels> {
  const publish = async (runId: number, action: PublishPayload['action']) => {
    const payload: PublishPayload = { runId, action, secrets: await secretSnapshot(deps) };
    return { jobId: deps.jobs.start('publish', payload) };
  };
  return {
    'runs:list': async (filter) => deps.db.runs.list(filter),
    'runs:get': async ({ id }) => {
      const run = deps.db.runs.get(id);
      if (!run) throw new UnusableInputError('run-not-found', `Run ${id} does not exist.`, { id });
      return run;
    },
    'runs:open-feed': async ({ id }) => {
      // The path comes from the database (a CLI build may have written it anywhere): only the app's own feeds are run.
      const feed = feedOf(deps, id);
      // A feed already deleted keeps its path: openPath then says it is missing (feed-open-failed).
      const real = await realpath(feed).catch(() => resolve(feed));
      const dir = await realpath(deps.feedsDir).catch(() => resolve(deps.feedsDir));
      if (!isOpenableFeed(real, dir)) {
        throw new UnusableInputError('feed-not-openable', `The feed of run ${id} (${feed}) is not in the app's feeds folder (${deps.feedsDir}); it is not opened from here.`, { id, path: feed });
      }
      const problem = await deps.shell.openPath(real);
      // The system's reason (its own words, often localised by the OS) goes along as `detail`.
      if (problem) throw new UnusableInputError('feed-open-failed', `The feed of run ${id} could not be opened: ${problem}`, { id, detail: problem });
    },
    'runs:save-feed-as': async ({ id }) => {
      const feed = feedOf(deps, id);
      const path = await deps.dialogs.saveFile({ defaultName: basename(feed), kind: 'xml' });
      if (!path) return null;
      await copyFile(feed, path);
      return { path };
    },
    'runs:send-again': async ({ id }) => publish(resendRun(deps.db, id), 'publish'),
    'runs:trigger-now': async ({ id }) => publish(id, 'trigger-now'),
    'runs:discard': async ({ id }) => discardRun(deps.db, id),
  };
}
