import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteOut } from '../../electron/services/feed/byte-out';
import { ProjectSerializer } from '../../electron/services/feed/feed-encoder';
import { packProjectBytes } from '../../electron/services/feed/project-encoding';
import { packProject } from '../../electron/services/delta/packed-project';
import { hashPacked } from '../../electron/services/delta/project-hash';
import { StagedBatch } from '../../electron/services/delta/staged-builder';
import { decodeStaged, encodeStaged } from '../../electron/services/delta/staged-codec';
import type { FeedProject } from '../../shared/domain/project';
import { projectArb } from './project-arb';
import { seedProject } from './seed-project';

const wellFormed = (s: string): boolean => (s as unknown as { isWellFormed(): boolean }).isWellFormed();

/** What a full build's reading thread does: XML and packed values in one walk. */
function withXml(): { encode: (p: FeedProject, pack: ByteOut) => void; xml: ByteOut } {
  const serializer = new ProjectSerializer();
  const xml = new ByteOut(8);
  return { encode: (p, pack) => serializer.write(p, xml, pack), xml };
}

describe('packed bytes and staged batches (what reading threads hand over)', () => {
  it('packs to exactly the UTF-8 of the packed string (and the same XML as alone), and hashes to the same hash', () => {
    fc.assert(fc.property(projectArb(true), (p) => {
      const out = new ByteOut(8);
      const both = withXml();
      both.encode(p, out);
      const alone = new ByteOut(8);
      new ProjectSerializer().write(p, alone);
      expect(Buffer.compare(both.xml.buf.subarray(0, both.xml.pos), alone.buf.subarray(0, alone.pos))).toBe(0);
      const bytes = out.buf.subarray(0, out.pos);
      const packed = packProject(p);
      expect(Buffer.compare(bytes, Buffer.from(packed, 'utf8'))).toBe(0);
      expect(out.lossy).toBe(!wellFormed(packed));
      // The packed values alone (a re-run) flag a lone surrogate the same way.
      const only = new ByteOut(8);
      packProjectBytes(p, only);
      expect(Buffer.compare(only.buf.subarray(0, only.pos), bytes)).toBe(0);
      expect(only.lossy).toBe(out.lossy);
      // Also for a lone surrogate: both sides hash its U+FFFD.
      expect(hashPacked(bytes)).toBe(hashPacked(packed));
    }), { numRuns: 1500 });
  });

  it('seals the packed bytes of a batch so that they read back as encodeStaged\'s of the same strings', () => {
    fc.assert(fc.property(fc.array(projectArb(true), { maxLength: 12 }), (projects) => {
      const b = new StagedBatch();
      const items = projects.map((p) => {
        const bytes = Buffer.from(packProject(p), 'utf8');
        b.add(p.Id, hashPacked(bytes), bytes);
        // A lone surrogate cannot be UTF-8: it is stored as U+FFFD, which is also what its hash saw.
        return { id: Buffer.from(p.Id, 'utf8').toString('utf8'), hash: hashPacked(bytes), packed: bytes.toString('utf8') };
      });
      expect(b.size).toBe(projects.length);
      const staged = b.take();
      expect(b.size).toBe(0);
      if (projects.length === 0) {
        expect(staged).toBeNull();
        return;
      }
      expect(decodeStaged(staged!)).toEqual(items);
      if (projects.every((p) => wellFormed(packProject(p)) && wellFormed(p.Id))) expect(Buffer.compare(staged!, encodeStaged(items))).toBe(0);
    }), { numRuns: 400 });
  });

  it('grows past its first tables', () => {
    const b = new StagedBatch();
    const many: FeedProject[] = Array.from({ length: 2500 }, (_v, i) => ({ ...seedProject(), Id: `UGY-${i}` }));
    const items = many.map((p) => ({ id: p.Id, hash: hashPacked(packProject(p)), packed: packProject(p) }));
    for (const i of items) b.add(i.id, i.hash, Buffer.from(i.packed, 'utf8'));
    expect(decodeStaged(b.take()!)).toEqual(items);
  });
});
