import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';

/**
 * Which exact file this is: path, size and modification time. Rows parked from a file carry it,
 * so checking that same file again does not bring its own rows back as restored copies (they are
 * in the file already); the next export (another file, or the same name rewritten) brings them.
 */
export async function sourceKey(path: string): Promise<string | null> {
  try {
    const s = await stat(path);
    return `${resolve(path)}\u0000${s.size}\u0000${Math.trunc(s.mtimeMs)}`;
  } catch {
    return null;
  }
}
