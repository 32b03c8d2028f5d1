/**
 * A full build's reading thread stages every project, so it writes each one's staged entry
 * directly: the Id, then the packed values as UTF-8 (written by `encode`, which in a build also
 * writes the project's feed XML: feed/project-encoding.ts), hashed where they lie, into one body
 * per batch, sealed in staged-codec.ts's layout. Same bytes as encodeStaged of the packed strings,
 * without making those strings (tested).
 */
import type { FeedProject } from '../../../shared/domain/project';
import { ByteOut } from '../feed/byte-out';
import { packProject } from './packed-project';
import { hashPackedBytes } from './project-hash';
import { encodeStaged, HEAD, sealStaged, UTF8, type EncodeOptions, type StagedProject } from './staged-codec';

const HASH_CHARS = 40;

/** A sealed batch and what the writing thread needs beside it. */
export interface BuiltBatch {
  ids: string[];
  hashes: string[];
  staged: Buffer;
}

export class StagedBatchBuilder {
  private readonly body = new ByteOut(1 << 22);
  /** Byte lengths of id, hash and packed per project (the codec's length table). */
  private lengths = new Uint32Array(3 * 2048);
  private ids: string[] = [];
  private hashes: string[] = [];
  /** Where a batch is laid out before sealing (which copies or compresses it): one buffer, reused. */
  private work = Buffer.allocUnsafeSlow(0);
  /** A lone surrogate cannot be UTF-8: such projects' packed strings, by position, for the UTF-16 form. */
  private lossy: Map<number, string> | null = null;

  /** `encode` appends a project's packed values, as UTF-8, to the given buffer. */
  constructor(private readonly encode: (p: FeedProject, pack: ByteOut) => void, private readonly opts: EncodeOptions = {}) {}

  get size(): number {
    return this.ids.length;
  }

  /** Stages one project. */
  add(p: FeedProject): void {
    const out = this.body;
    const n = this.ids.length;
    out.lossy = false;
    const start = out.pos;
    out.utf8(p.Id);
    const hashAt = out.pos;
    out.ensure(HASH_CHARS);
    out.pos += HASH_CHARS; // filled in once the packed bytes are there
    const packedAt = out.pos;
    this.encode(p, out);
    const hash = hashPackedBytes(out.buf.subarray(packedAt, out.pos));
    for (let i = 0; i < HASH_CHARS; i++) out.buf[hashAt + i] = hash.charCodeAt(i); // hex: ASCII
    if (out.lossy) (this.lossy ??= new Map()).set(n, packProject(p));
    if (3 * n + 3 > this.lengths.length) {
      const bigger = new Uint32Array(this.lengths.length * 2);
      bigger.set(this.lengths);
      this.lengths = bigger;
    }
    this.lengths[3 * n] = hashAt - start;
    this.lengths[3 * n + 1] = HASH_CHARS;
    this.lengths[3 * n + 2] = out.pos - packedAt;
    this.ids.push(p.Id);
    this.hashes.push(hash);
  }

  /** The batch so far, sealed; the builder starts afresh. */
  take(): BuiltBatch {
    const { ids, hashes } = this;
    const staged = this.lossy ? this.utf16(ids, hashes, this.lossy) : this.seal(ids.length);
    this.reset();
    return { ids, hashes, staged };
  }

  reset(): void {
    this.body.pos = 0;
    this.ids = [];
    this.hashes = [];
    this.lossy = null;
  }

  private seal(n: number): Buffer {
    const bodyAt = HEAD + 12 * n;
    const end = bodyAt + this.body.pos;
    if (this.work.length < end) this.work = Buffer.allocUnsafeSlow(end + (end >> 2));
    const work = this.work;
    work[0] = UTF8;
    work.writeUInt32LE(n, 1);
    for (let i = 0; i < 3 * n; i++) work.writeUInt32LE(this.lengths[i]!, HEAD + 4 * i);
    this.body.buf.copy(work, bodyAt, 0, this.body.pos);
    return sealStaged(work, end, this.opts);
  }

  /** The rare batch with a lone surrogate: the strings (decoded where UTF-8 held them exactly). */
  private utf16(ids: string[], hashes: string[], lossy: Map<number, string>): Buffer {
    const items: StagedProject[] = [];
    let o = 0;
    for (let i = 0; i < ids.length; i++) {
      o += this.lengths[3 * i]! + HASH_CHARS;
      const end = o + this.lengths[3 * i + 2]!;
      items.push({ id: ids[i]!, hash: hashes[i]!, packed: lossy.get(i) ?? this.body.buf.toString('utf8', o, end) });
      o = end;
    }
    return encodeStaged(items, this.opts);
  }
}
