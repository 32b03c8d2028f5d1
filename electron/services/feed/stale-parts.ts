import fsp from 'node:fs/promises';
import path from 'node:path';

/**
 * Deletes `*.xml.part-<hex>` files a killed writer left in `dir`. Only files untouched for
 * `olderThanMs` go: a live writer in another process keeps its temp file's mtime fresh.
 */
export async function removeStalePartFiles(dir: string, olderThanMs = 10 * 60_000, now = Date.now()): Promise<string[]> {
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
    if (!st?.isFile() || now - st.mtimeMs < olderThanMs) continue;
    await fsp.rm(file, { force: true });
    removed.push(file);
  }
  return removed;
}
