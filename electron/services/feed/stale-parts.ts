import fsp from 'node:fs/promises';
import path from 'node:path';

/** The run a temp file belongs to, from its default name (`minicrm-feed-…-run42.xml.part-<hex>`). */
function partRunId(name: string): number | null {
  const m = /-run(\d+)\.xml\.part-[0-9a-f]+$/.exec(name);
  return m ? Number(m[1]) : null;
}

/**
 * Deletes `*.xml.part-<hex>` files a killed writer left in `dir`. A file whose run is known to be
 * over (`runIsOver(runId, mtimeMs)`: the history says that build ended) goes at once; any other
 * only once untouched for `olderThanMs`: a live writer in another process keeps its mtime fresh.
 */
export async function removeStalePartFiles(
  dir: string,
  olderThanMs = 10 * 60_000,
  now = Date.now(),
  runIsOver?: (runId: number, mtimeMs: number) => boolean,
): Promise<string[]> {
  let names: string[];
  try {
    names = await fsp.readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!/\.xml\.part-[0-9a-f]+$/.test(name)) continue;
    const file = path.join(dir, name);
    const st = await fsp.stat(file).catch(() => null);
    if (!st?.isFile()) continue;
    const runId = partRunId(name);
    const over = runId !== null && runIsOver?.(runId, st.mtimeMs) === true;
    if (!over && now - st.mtimeMs < olderThanMs) continue;
    await fsp.rm(file, { force: true });
    removed.push(file);
  }
  return removed;
}
