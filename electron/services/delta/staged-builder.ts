/**
 * A batch of staged projects (what a run will make the delivered state: staged-codec.ts) built from
 * packed values already encoded as UTF-8 (feed/project-encoding.ts): each field is copied into the
 * codec's layout, none is decoded to a string and encoded again.
 */
import { ByteOut } from '../feed/byte-out';
import { HEAD, sealStaged, UTF8 } from './staged-codec';

export class StagedBatch {
  private readonly body = new ByteOut(1 << 16);
  /** Byte lengths of id, hash and packed per project (the codec's length table). */
  private lengths = new Uint32Array(3 * 256);
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(id: string, hash: string, packed: Uint8Array): void {
    const out = this.body;
    const n = this.count++;
    const start = out.pos;
    out.utf8(id);
    const hashAt = out.pos;
    out.utf8(hash);
    const packedAt = out.pos;
    out.put(packed);
    if (3 * n + 3 > this.lengths.length) {
      const bigger = new Uint32Array(this.lengths.length * 2);
      bigger.set(this.lengths);
      this.lengths = bigger;
    }
    this.lengths[3 * n] = hashAt - start;
    this.lengths[3 * n + 1] = packedAt - hashAt;
    this.lengths[3 * n + 2] = out.pos - packedAt;
  }

  /** The batch, sealed (compressed) as history stores it; null when empty. The batch starts afresh. */
  take(): Buffer | null {
    const n = this.count;
    if (n === 0) return null;
    const bodyAt = HEAD + 12 * n;
    const end = bodyAt + this.body.pos;
    const work = Buffer.allocUnsafe(end);
    work[0] = UTF8;
    work.writeUInt32LE(n, 1);
    for (let i = 0; i < 3 * n; i++) work.writeUInt32LE(this.lengths[i]!, HEAD + 4 * i);
    this.body.buf.copy(work, bodyAt, 0, this.body.pos);
    this.body.pos = 0;
    this.count = 0;
    return sealStaged(work, end);
  }
}
