/**
 * Where a feed's bytes go on disk: appended in order, then synced and closed before the writer
 * renames the file into place.
 *
 * On Linux, on a local disk file system, the file is written with O_DIRECT from page-aligned
 * buffers, past the page cache: a feed of gigabytes that nobody reads soon would push other
 * programs' data out of the cache and cost system time to copy, and it reaches the disk while the
 * build goes on instead of in the final sync. Everywhere else (Windows, macOS, network or memory
 * file systems, or one that refuses direct writes) it goes through a WriteStream.
 */
import fs, { type WriteStream } from 'node:fs';
import fsp, { type FileHandle } from 'node:fs/promises';
import path from 'node:path';

export interface FeedFile {
  /** True while the file is written past the page cache. */
  readonly direct: boolean;
  /**
   * Appends `chunk`; `written` is called once the chunk's memory is no longer needed (not on a
   * failure). Returns a promise when the caller must wait before writing more (bounded memory).
   */
  write(chunk: Uint8Array, written?: () => void): void | Promise<void>;
  /** Everything on disk (fsync) and the file closed. */
  close(): Promise<void>;
  /** Closed, whatever it holds (the caller removes it). */
  destroy(): Promise<void>;
}

/** Direct writes need buffer addresses, lengths and file offsets in whole blocks: 4 KiB fits every disk. */
const ALIGN = 4096;
/** Two areas of this size: one is filled while the other is written. */
const AREA = 8 << 20;

/** f_type of local disk file systems known to take O_DIRECT: ext2/3/4, XFS, Btrfs, F2FS. */
export const LOCAL_DISKS = new Set([0xef53, 0x58465342, 0x9123683e, 0xf2f52010]);

/** True where createFeedFile writes past the page cache by default. */
async function directPossible(dir: string): Promise<boolean> {
  if (process.platform !== 'linux' || !fs.constants.O_DIRECT) return false;
  try {
    return LOCAL_DISKS.has(Number((await fsp.statfs(dir)).type));
  } catch {
    return false;
  }
}

const errno = (e: unknown): string | undefined => (e as NodeJS.ErrnoException | null)?.code;

/**
 * Creates `file` (which must not exist). `direct: false` never writes past the page cache; by
 * default direct writes are used where they are known to work.
 */
export async function createFeedFile(file: string, opts: { direct?: boolean } = {}): Promise<FeedFile> {
  if (opts.direct !== false && (await directPossible(path.dirname(file)))) {
    const { O_WRONLY, O_CREAT, O_EXCL, O_DIRECT } = fs.constants;
    try {
      return new DirectFile(await fsp.open(file, O_WRONLY | O_CREAT | O_EXCL | O_DIRECT, 0o666), file);
    } catch (e) {
      if (errno(e) !== 'EINVAL') throw e;
      // Refused after the file was created (Linux does that): ours, by its random name.
      await fsp.rm(file, { force: true });
    }
  }
  return StreamFile.open(file);
}

class StreamFile implements FeedFile {
  readonly direct = false;
  private failure: Error | null = null;

  private constructor(private readonly stream: WriteStream) {
    stream.on('error', (e) => {
      this.failure ??= e;
    });
  }

  static async open(file: string): Promise<StreamFile> {
    // `flush`: fsync before close, so the rename never publishes a name whose data is still in cache.
    const stream = fs.createWriteStream(file, { flags: 'wx', highWaterMark: 4 << 20, flush: true });
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', reject);
    });
    return new StreamFile(stream);
  }

  write(chunk: Uint8Array, written?: () => void): void | Promise<void> {
    if (this.failure) throw this.failure;
    const ok = written ? this.stream.write(chunk, (e) => e || written()) : this.stream.write(chunk);
    if (ok) return;
    return new Promise<void>((resolve, reject) => {
      const onDrain = (): void => {
        this.stream.off('error', onError);
        resolve();
      };
      const onError = (e: Error): void => {
        this.stream.off('drain', onDrain);
        reject(e);
      };
      this.stream.once('drain', onDrain);
      this.stream.once('error', onError);
    });
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      if (this.stream.closed) return reject(this.failure ?? new Error('The feed file was closed unexpectedly.'));
      this.stream.once('error', reject);
      this.stream.once('close', () => resolve());
      this.stream.end();
    });
    if (this.failure) throw this.failure;
  }

  async destroy(): Promise<void> {
    if (this.stream.closed) return;
    await new Promise<void>((resolve) => {
      this.stream.once('close', () => resolve());
      this.stream.destroy();
    });
  }
}

/** What DirectFile uses of a FileHandle (tests hand it one that fails on purpose). */
export type DirectHandle = Pick<FileHandle, 'write' | 'truncate' | 'sync' | 'close'>;

/**
 * Chunks are copied into one of two page-aligned areas (WebAssembly memory: page-aligned, unlike
 * Buffers); a full area is written in the background while the other fills. The last, partial
 * block is written padded and the file cut back to its length. One write at a time: wait for a
 * returned promise before the next. (Exported for tests; createFeedFile decides when to use it.)
 */
export class DirectFile implements FeedFile {
  direct = true;
  private readonly areas: readonly [Uint8Array, Uint8Array];
  private cur = 0;
  private fill = 0;
  /** File offset where the current area goes. */
  private position = 0;
  /** The other area's write; never rejects (a failure is kept in `failure`). */
  private inflight: Promise<void> | null = null;
  private failure: Error | null = null;

  constructor(private handle: DirectHandle, private readonly file: string) {
    const memory = new WebAssembly.Memory({ initial: (2 * AREA) >> 16 });
    this.areas = [new Uint8Array(memory.buffer, 0, AREA), new Uint8Array(memory.buffer, AREA, AREA)];
  }

  write(chunk: Uint8Array, written?: () => void): void | Promise<void> {
    if (this.failure) throw this.failure;
    let at = 0;
    const copy = (): void | Promise<void> => {
      while (at < chunk.length) {
        const n = Math.min(AREA - this.fill, chunk.length - at);
        this.areas[this.cur]!.set(chunk.subarray(at, at + n), this.fill);
        this.fill += n;
        at += n;
        if (this.fill === AREA) {
          const wait = this.rotate();
          if (wait) return wait.then(copy);
        }
      }
      written?.();
    };
    return copy();
  }

  async close(): Promise<void> {
    while (this.inflight) await this.inflight;
    if (this.failure) throw this.failure;
    const end = this.position + this.fill;
    if (this.fill > 0) {
      const area = this.areas[this.cur]!;
      const padded = this.direct ? Math.ceil(this.fill / ALIGN) * ALIGN : this.fill;
      area.fill(0, this.fill, padded);
      await this.writeAll(area, padded, this.position);
      if (padded !== this.fill) await this.handle.truncate(end);
    }
    await this.handle.sync();
    await this.handle.close();
  }

  async destroy(): Promise<void> {
    while (this.inflight) await this.inflight;
    await this.handle.close().catch(() => undefined);
  }

  /** The current area is full: written in the background once the other one's write is done. */
  private rotate(): void | Promise<void> {
    if (this.inflight) return this.inflight.then(() => this.rotate());
    if (this.failure) throw this.failure;
    const done = this.writeAll(this.areas[this.cur]!, this.fill, this.position);
    this.inflight = done.then(
      () => {
        this.inflight = null;
      },
      (e: Error) => {
        this.failure ??= e;
        this.inflight = null;
      },
    );
    this.position += this.fill;
    this.cur ^= 1;
    this.fill = 0;
  }

  private async writeAll(area: Uint8Array, length: number, position: number): Promise<void> {
    let done = 0;
    while (done < length) {
      try {
        done += (await this.handle.write(area, done, length - done, position + done)).bytesWritten;
      } catch (e) {
        if (!this.direct || errno(e) !== 'EINVAL') throw e;
        await this.reopenBuffered();
      }
    }
  }

  /**
   * The file system took the open but refuses direct writes (or a short write left them
   * unaligned): the same file, from where it is, through the page cache.
   */
  private async reopenBuffered(): Promise<void> {
    const handle = await fsp.open(this.file, 'r+');
    await this.handle.close();
    this.handle = handle;
    this.direct = false;
  }
}
