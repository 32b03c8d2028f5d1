/**
 * The production feed writer: streams projects to `<final>.part-<random>` with bounded memory,
 * hashes while writing, and renames into place only on commit, so a crash or cancel never leaves
 * a half feed under the final name.
 */
import { createHash, randomBytes, type Hash } from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { RowIssue } from '../../../shared/domain/issue';
import type { FeedProject } from '../../../shared/domain/project';
import { ByteOut } from './byte-out';
import { ProjectSerializer, type EncodedProjects } from './feed-encoder';
import { createFeedFile, type FeedFile } from './feed-file';

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

export interface FeedCommit {
  path: string;
  size: number;
  sha256: string;
  projects: number;
  /** Characters removed because XML cannot carry them (first `warningCap`; see warningCount). */
  warnings: RowIssue[];
  warningCount: number;
}

export interface FeedWriterOptions {
  /** Bytes gathered before one write to disk (default 1 MiB). */
  chunkBytes?: number;
  warningCap?: number;
  /** false: never write past the page cache (feed-file.ts); by default where it is known to work. */
  direct?: boolean;
}

/** `minicrm-feed-2026-11-27T10-15-03Z-run42.xml`: unique per run, sortable, safe on every OS. */
export function feedFileName(at: Date, runId: number): string {
  const stamp = at.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-');
  return `minicrm-feed-${stamp}-run${runId}.xml`;
}

export class FeedWriter {
  private readonly serializer: ProjectSerializer;
  private readonly hash: Hash = createHash('sha256');
  // Projects are encoded straight into this buffer (no join, no intermediate copies); once it
  // holds `chunkBytes` it is hashed and handed to the stream, and a fresh one started.
  private readonly out: ByteOut;
  private bytes = 0;
  private count = 0;
  private warningList: RowIssue[] = [];
  private warningTotal = 0;
  private state: 'open' | 'committed' | 'aborted' = 'open';
  private readonly chunkBytes: number;
  private readonly warningCap: number;

  private constructor(
    readonly finalPath: string,
    readonly tempPath: string,
    private readonly file: FeedFile,
    opts: FeedWriterOptions,
  ) {
    this.chunkBytes = Math.max(opts.chunkBytes ?? 1 << 20, 1024);
    this.out = new ByteOut(this.chunkBytes + 4096);
    this.warningCap = opts.warningCap ?? 1000;
    this.serializer = new ProjectSerializer(this.warningCap);
  }

  static async open(finalPath: string, opts: FeedWriterOptions = {}): Promise<FeedWriter> {
    const resolved = path.resolve(finalPath);
    await fsp.mkdir(path.dirname(resolved), { recursive: true });
    const tempPath = `${resolved}.part-${randomBytes(6).toString('hex')}`;
    const w = new FeedWriter(resolved, tempPath, await createFeedFile(tempPath, opts), opts);
    w.append(XML_DECLARATION);
    return w;
  }

  get projects(): number {
    return this.count;
  }

  /** True while the file is written past the page cache (feed-file.ts). */
  get direct(): boolean {
    return this.file.direct;
  }

  /** Bytes handed to the file so far (progress). */
  get bytesWritten(): number {
    return this.bytes;
  }

  /**
   * Appends one project (for callers with a few projects; the engine hands encoded batches).
   * Returns a promise only when the disk is behind (await it: that is the backpressure that keeps
   * memory bounded); otherwise returns synchronously.
   */
  write(p: FeedProject): void | Promise<void> {
    if (this.state !== 'open') throw new Error(`Feed writer is ${this.state}.`);
    const at = this.out.pos;
    if (this.count === 0) this.out.utf8('<Projects>\n');
    try {
      this.serializer.write(p, this.out);
    } catch (e) {
      // A project that cannot be written (a bad custom field name) leaves no trace in the file.
      this.out.pos = at;
      throw e;
    }
    if (this.serializer.warningCount > 0) this.addWarnings(this.serializer.takeWarnings());
    this.count++;
    return this.out.pos >= this.chunkBytes ? this.flush() : undefined;
  }

  /** Appends projects already turned into the feed's bytes (a batch made on a reading thread). */
  async writeEncoded(batch: EncodedProjects): Promise<void> {
    if (this.state !== 'open') throw new Error(`Feed writer is ${this.state}.`);
    if (batch.projects === 0) return;
    if (this.count === 0) await this.append('<Projects>\n');
    await this.flush();
    this.count += batch.projects;
    this.addWarnings(batch);
    await this.push(Buffer.from(batch.bytes.buffer, batch.bytes.byteOffset, batch.bytes.byteLength), batch.release);
  }

  /** Finishes the document, syncs it to disk and renames it to the final name. */
  async commit(): Promise<FeedCommit> {
    if (this.state !== 'open') throw new Error(`Feed writer is ${this.state}.`);
    try {
      await this.append(this.count === 0 ? '<Projects/>\n' : '</Projects>\n');
      await this.flush();
      // Synced before the rename: the final name never points at data still on its way to the disk.
      await this.file.close();
      await fsp.rename(this.tempPath, this.finalPath);
      this.state = 'committed';
    } catch (e) {
      await this.abort();
      throw e;
    }
    return {
      path: this.finalPath,
      size: this.bytes,
      sha256: this.hash.digest('hex'),
      projects: this.count,
      warnings: this.warningList,
      warningCount: this.warningTotal,
    };
  }

  /** Drops everything written so far; nothing remains on disk. Safe to call twice. */
  async abort(): Promise<void> {
    if (this.state !== 'open') return;
    this.state = 'aborted';
    this.out.pos = 0;
    await this.file.destroy();
    await fsp.rm(this.tempPath, { force: true });
  }

  private append(s: string): void | Promise<void> {
    this.out.utf8(s);
    return this.out.pos >= this.chunkBytes ? this.flush() : undefined;
  }

  private flush(): void | Promise<void> {
    if (this.out.pos === 0) return;
    const chunk = this.out.take();
    return this.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  }

  /** `written` is called once the file no longer needs the chunk's memory (not on a failure). */
  private push(chunk: Buffer, written?: () => void): void | Promise<void> {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    return this.file.write(chunk, written);
  }

  private addWarnings(w: { warnings: RowIssue[]; warningCount: number }): void {
    this.warningTotal += w.warningCount;
    for (const issue of w.warnings) if (this.warningList.length < this.warningCap) this.warningList.push(issue);
  }
}
