import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createFeedFile, DirectFile, LOCAL_DISKS, type DirectHandle, type FeedFile } from '../../electron/services/feed/feed-file';
import { useTempDir } from './temp-dir';

/** Chunks of awkward sizes (never whole blocks), about `total` bytes in all. */
function chunks(total: number): Buffer[] {
  const out: Buffer[] = [];
  let n = 0;
  for (let i = 0; n < total; i++) {
    const c = randomBytes(i % 7 === 0 ? 3 * 1024 * 1024 + 17 : 1 + ((i * 7919) % 300_000));
    out.push(c);
    n += c.length;
  }
  return out;
}

/** Writes the chunks as a build does (waiting when told to), counting the waits and the hand-backs. */
async function writeAll(f: FeedFile, parts: Buffer[]): Promise<{ waits: number; released: number }> {
  let waits = 0;
  let released = 0;
  for (const c of parts) {
    const pending = f.write(c, () => released++);
    if (pending) {
      waits++;
      await pending;
    }
  }
  await f.close();
  return { waits, released };
}

/** A real buffered handle whose `write` fails with `code` the first `times` times. */
async function failingHandle(file: string, code: string, times: number): Promise<DirectHandle> {
  const real = await fsp.open(file, 'wx');
  let left = times;
  return {
    write: ((...args: Parameters<typeof real.write>) => {
      if (left-- > 0) return Promise.reject(Object.assign(new Error(`${code}: refused`), { code }));
      return real.write(...args);
    }) as DirectHandle['write'],
    truncate: (len) => real.truncate(len),
    sync: () => real.sync(),
    close: () => real.close(),
  };
}

describe('feed files (feed-file.ts)', () => {
  const tempDir = useTempDir();

  it('writes past the page cache on a local Linux disk, and the same bytes as through the page cache', async () => {
    const dir = tempDir();
    const parts = chunks(21 * 1024 * 1024); // more than two 8 MiB areas, ending mid-block
    const expected = Buffer.concat(parts);
    const direct = await createFeedFile(path.join(dir, 'direct.xml'));
    const localDisk = process.platform === 'linux' && LOCAL_DISKS.has(Number((await fsp.statfs(dir)).type));
    expect(direct.direct).toBe(localDisk);
    const d = await writeAll(direct, parts);
    const buffered = await createFeedFile(path.join(dir, 'buffered.xml'), { direct: false });
    expect(buffered.direct).toBe(false);
    await writeAll(buffered, parts);
    for (const name of ['direct.xml', 'buffered.xml']) {
      const got = fs.readFileSync(path.join(dir, name));
      expect(got.length).toBe(expected.length);
      expect(got.equals(expected)).toBe(true);
    }
    // Every chunk handed back; the areas were full while one was being written at least once.
    expect(d.released).toBe(parts.length);
    if (localDisk) expect(d.waits).toBeGreaterThan(0);
  });

  it('an empty file and a file of exactly whole blocks come out exact', async () => {
    const dir = tempDir();
    const empty = await createFeedFile(path.join(dir, 'empty.xml'));
    await empty.close();
    expect(fs.statSync(path.join(dir, 'empty.xml')).size).toBe(0);
    const whole = randomBytes(8 * 4096);
    const f = await createFeedFile(path.join(dir, 'whole.xml'));
    await writeAll(f, [whole.subarray(0, 5000), whole.subarray(5000)]);
    expect(fs.readFileSync(path.join(dir, 'whole.xml')).equals(whole)).toBe(true);
  });

  it('goes on through the page cache when the file system refuses a direct write', async () => {
    const file = path.join(tempDir(), 'refused.xml');
    const f = new DirectFile(await failingHandle(file, 'EINVAL', 1), file);
    const parts = chunks(17 * 1024 * 1024);
    await writeAll(f, parts);
    expect(f.direct).toBe(false);
    expect(fs.readFileSync(file).equals(Buffer.concat(parts))).toBe(true);
  });

  it('a failed write (disk full) surfaces on a later write or on close, never silently', async () => {
    const file = path.join(tempDir(), 'full.xml');
    const f = new DirectFile(await failingHandle(file, 'ENOSPC', 1000), file);
    const attempt = async (): Promise<void> => {
      for (const c of chunks(40 * 1024 * 1024)) await f.write(c);
      await f.close();
    };
    await expect(attempt()).rejects.toMatchObject({ code: 'ENOSPC' });
    await f.destroy();
  });

  it('does not replace a file that exists', async () => {
    const file = path.join(tempDir(), 'taken.xml');
    fs.writeFileSync(file, 'mine');
    await expect(createFeedFile(file)).rejects.toMatchObject({ code: 'EEXIST' });
    await expect(createFeedFile(file, { direct: false })).rejects.toMatchObject({ code: 'EEXIST' });
    expect(fs.readFileSync(file, 'utf8')).toBe('mine');
  });
});
