import { allowFlags, boolFlag, stringFlag, UsageError, type CliArgs } from '../args';
import { num } from '../format';
import type { CliIo } from '../io';
import { openCliDatabase } from '../cli-db';
import { answerUnknown, type RunStatus } from '../../../shared/domain/run';
import { localTime } from '../../services/db/repositories/run-recovery';

const STATUSES: RunStatus[] = ['validated', 'built', 'uploaded', 'delivered', 'failed', 'cancelled'];

export async function runHistory(args: CliArgs, io: CliIo): Promise<number> {
  allowFlags(args, ['db', 'json', 'status', 'search', 'limit']);
  if (args.positionals.length) throw new UsageError('history takes no file.');
  const status = stringFlag(args, 'status') as RunStatus | undefined;
  if (status && !STATUSES.includes(status)) throw new UsageError(`--status must be one of ${STATUSES.join(', ')}.`);
  const db = openCliDatabase(stringFlag(args, 'db'), io);
  try {
    const search = stringFlag(args, 'search');
    const runs = db.runs.list({ ...(status ? { status } : {}), ...(search ? { search } : {}), limit: Number(stringFlag(args, 'limit') ?? 100) });
    if (boolFlag(args, 'json')) {
      io.out(JSON.stringify(runs, null, 2));
      return 0;
    }
    if (runs.length === 0) io.out('No runs yet.');
    for (const r of runs) {
      const c = r.counts;
      const when = r.startedAt.replace('T', ' ').slice(0, 19);
      const answer = r.syncStatus !== null
        ? ` MiniCRM: ${r.syncStatus}${r.syncBody ? ' ' + r.syncBody.slice(0, 60) : ''}`
        : answerUnknown(r) && r.errorCode !== 'sync-answer-unknown' ? ` MiniCRM was asked at ${localTime(r.syncedAt!)}; its answer was not recorded` : '';
      io.out(`#${r.id} ${when} ${r.kind.padEnd(8)} ${r.status.padEnd(9)} ${r.sourceName ?? ''} [${r.profileName ?? ''}] rows ${num(c.rows)}, written ${num(c.written)}, unchanged ${num(c.unchanged)}, rejected ${num(c.rejected)}${r.uploadTarget ? ' -> ' + r.uploadTarget : ''}${answer}${r.error ? ' — ' + r.error : ''}`);
    }
    return 0;
  } finally {
    db.close();
  }
}
