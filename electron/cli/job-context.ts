import type { JobContext, JobStage } from '../../shared/domain/job';
import type { CliIo } from './io';
import { num } from './format';

const STAGE_LABEL: Record<JobStage, string> = {
  reading: 'Reading',
  validating: 'Checking rows',
  writing: 'Writing feed',
  recording: 'Recording history',
  uploading: 'Uploading',
  triggering: 'Asking MiniCRM to sync',
  linking: 'Linking reference ids',
  verifying: 'Checking cards in MiniCRM',
  waiting: 'Waiting for MiniCRM to import (seconds)',
};

/** A job context for the terminal: progress on stderr (TTY only); a stop signal (Ctrl+C) cancels cleanly. */
export function cliJobContext(io: CliIo): JobContext & { dispose(): void } {
  return {
    signal: io.stop ?? new AbortController().signal,
    progress(stage, done, total, unit) {
      const pct = total ? ` ${Math.floor((done / total) * 100)}%` : '';
      io.progress(`${STAGE_LABEL[stage]}: ${num(done)}${total ? ' / ' + num(total) : ''} ${unit}${pct}`);
    },
    dispose() {
      io.progress('');
    },
  };
}
