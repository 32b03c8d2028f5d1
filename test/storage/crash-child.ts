/**
 * Child process for the crash-safety test: records a run, then stages projects and streams a big
 * feed forever, until the test kills it with SIGKILL. Prints WRITING once the temp file has data.
 * Usage: node --import tsx test/storage/crash-child.ts <db> <feed>
 */
import { openDatabase } from '../../electron/services/db/database';
import { ProjectOutput } from '../../electron/services/engine/project-output';
import { FeedWriter } from '../../electron/services/feed/feed-writer';
import { seedProject } from './seed-project';

const [dbFile, feedFile] = process.argv.slice(2) as [string, string];
const app = openDatabase(dbFile);
const runId = app.runs.create({ kind: 'build', mode: 'full', sourceName: 'big.csv' });
const output = new ProjectOutput('full', app.delivered);
const writer = await FeedWriter.open(feedFile, { chunkBytes: 64 * 1024 });
let announced = false;
for (let batchNo = 0; ; batchNo++) {
  const batch = Array.from({ length: 2000 }, (_v, i) => ({ ...seedProject(), Id: `${batchNo}-${i}` }));
  output.add(batch);
  const o = output.finish();
  app.runs.stageEncoded(runId, o.stagedCount, o.staged!);
  await writer.writeEncoded({ bytes: o.xml!, projects: o.written, warnings: o.warnings, warningCount: o.warningCount });
  // Past 16 MiB the first 8 MiB are surely in the file, also when it is written past the page
  // cache (feed-file.ts: two 8 MiB areas, the second waits for the first).
  if (!announced && writer.bytesWritten > 20_000_000) {
    announced = true;
    process.stdout.write(`WRITING ${runId} ${writer.tempPath}\n`);
  }
}
