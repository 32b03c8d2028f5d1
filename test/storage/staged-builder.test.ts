import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteOut } from '../../electron/services/feed/byte-out';
import { ProjectSerializer } from '../../electron/services/feed/feed-encoder';
import { packProjectBytes } from '../../electron/services/feed/project-encoding';
import { packProject } from '../../electron/services/delta/packed-project';
import { hashPackedBytes, hashValues } from '../../electron/services/delta/project-hash';
import { StagedBatchBuilder } from '../../electron/services/delta/staged-builder';
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

describe('packed bytes and the staged batch builder (a full build\'s reading thread)', () => {
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
      expect(hashPackedBytes(bytes)).toBe(hashValues(packed));
    }), { numRuns: 1500 });
  });

  it('seals the same bytes as encodeStaged of the packed strings, lone surrogates included', () => {
    fc.assert(fc.property(fc.array(projectArb(true), { maxLength: 12 }), (projects) => {
      const b = new StagedBatchBuilder(withXml().encode);
      for (const p of projects) b.add(p);
      expect(b.size).toBe(projects.length);
      const built = b.take();
      const items = projects.map((p) => ({ id: p.Id, hash: hashValues(packProject(p)), packed: packProject(p) }));
      expect(built.ids).toEqual(items.map((i) => i.id));
      expect(built.hashes).toEqual(items.map((i) => i.hash));
      if (projects.length > 0) expect(Buffer.compare(built.staged, encodeStaged(items))).toBe(0);
      expect(decodeStaged(built.staged)).toEqual(items);
      expect(b.size).toBe(0);
    }), { numRuns: 400 });
  });

  it('grows past a batch of 2048 and forgets a reset batch', () => {
    const b = new StagedBatchBuilder(withXml().encode, { compress: false });
    const many: FeedProject[] = Array.from({ length: 2500 }, (_v, i) => ({ ...seedProject(), Id: `UGY-${i}` }));
    b.add(seedProject());
    b.reset();
    for (const p of many) b.add(p);
    const items = many.map((p) => ({ id: p.Id, hash: hashValues(packProject(p)), packed: packProject(p) }));
    expect(Buffer.compare(b.take().staged, encodeStaged(items, { compress: false }))).toBe(0);
  });
});
