import fc from 'fast-check';
import { brotliCompressSync, brotliDecompressSync, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  decodeStaged, encodeStaged, forEachStaged, forEachStagedUtf8, StagedBatch, stagedCountOf, type StagedProject,
} from '../../electron/services/delta/staged-codec';
import { packProject } from '../../electron/services/delta/packed-project';
import { hashPacked } from '../../electron/services/delta/project-hash';
import type { FeedProject } from '../../shared/domain/project';
import { projectArb } from './project-arb';
import { seedProject } from './seed-project';

const item = (id: string, packed: string): StagedProject => ({ id, hash: hashPacked(packed), packed });

/**
 * A batch laid out by hand as the format table says (not by the app's encoder): UTF-8 or UTF-16LE
 * (format 2, which earlier versions wrote for a lone surrogate), uncompressed, raw-deflated
 * (+ 0x80, earlier versions) or brotli-compressed (+ 0x40, what is written now).
 */
function legacy(items: StagedProject[], how: 'raw' | 'deflate' | 'brotli', enc: 'utf8' | 'utf16le' = 'utf8'): Buffer {
  const lengths = Buffer.alloc(12 * items.length);
  const body = items.flatMap((p, i) => [p.id, p.hash, p.packed].map((f, k) => {
    const b = Buffer.from(f, enc);
    lengths.writeUInt32LE(b.length, 12 * i + 4 * k);
    return b;
  }));
  const rest = Buffer.concat([lengths, ...body]);
  const head = Buffer.alloc(5);
  head[0] = (enc === 'utf8' ? 1 : 2) | (how === 'deflate' ? 0x80 : how === 'brotli' ? 0x40 : 0);
  head.writeUInt32LE(items.length, 1);
  return Buffer.concat([head, how === 'deflate' ? deflateRawSync(rest, { level: 1 }) : how === 'brotli' ? brotliCompressSync(rest) : rest]);
}

/** The layout of an encoded batch, uncompressed (to compare with one laid out by hand). */
const layout = (data: Buffer): Buffer => Buffer.concat([Buffer.from([data[0]! & 0x3f]), data.subarray(1, 5), brotliDecompressSync(data.subarray(5))]);

describe('staged-codec', () => {
  it('round-trips a batch exactly: order, repeats, empty strings, accents, emoji and other scripts', () => {
    const items: StagedProject[] = [
      item('UGY-0000001', packProject(seedProject())),
      { id: '', hash: '', packed: '' },
      item('Kód-ő-ű', '[12:Árvíztűrő ő]'),
      item('😀-1', '[2:😀]'),
      item('日本-1', '7:東京都千代田区'),
      { id: 'p', hash: 'short', packed: '0:' },
      item('UGY-0000001', 'later wins'),
    ];
    const data = encodeStaged(items);
    expect(data[0]).toBe(0x41);
    expect(stagedCountOf(data)).toBe(items.length);
    expect(decodeStaged(data)).toEqual(items);
    expect(layout(data).equals(legacy(items, 'raw'))).toBe(true);
    // Batches staged by earlier versions (deflated) read back the same.
    const deflated = legacy(items, 'deflate');
    expect(deflated[0]).toBe(0x81);
    expect(stagedCountOf(deflated)).toBe(items.length);
    expect(decodeStaged(deflated)).toEqual(items);
    const raw = legacy(items, 'raw');
    expect(raw[0]).toBe(1);
    expect(decodeStaged(raw)).toEqual(items);
  });

  it('reads batches earlier versions kept as UTF-16 (lone surrogates exactly); writes UTF-8 with U+FFFD for them', () => {
    const items = [item('a', 'x\uD800y'), item('b\uDFFF', '[1:\uDC00]'), item('c', '😀')];
    for (const how of ['brotli', 'deflate', 'raw'] as const) {
      const old = legacy(items, how, 'utf16le');
      expect(old[0]! & 0x3f).toBe(2);
      expect(stagedCountOf(old)).toBe(3);
      const back = decodeStaged(old);
      expect(back).toEqual(items);
      expect(back[0]!.packed.charCodeAt(1)).toBe(0xd800);
    }
    // Now: UTF-8, like every build has stored it (the hash was of the U+FFFD all along).
    const data = encodeStaged(items);
    expect(data[0]).toBe(0x41);
    expect(decodeStaged(data)).toEqual([
      { id: 'a', hash: items[0]!.hash, packed: 'x\uFFFDy' }, { id: 'b\uFFFD', hash: items[1]!.hash, packed: '[1:\uFFFD]' }, items[2],
    ]);
    expect(hashPacked('x\uFFFDy')).toBe(items[0]!.hash);
  });

  it('encodes an empty batch and reads a plain Uint8Array (what another thread receives)', () => {
    expect(decodeStaged(encodeStaged([]))).toEqual([]);
    const items = [item('p1', '[1:é]'), item('p2', '[0:]')];
    const buf = encodeStaged(items);
    const copy = new Uint8Array(buf.byteLength);
    copy.set(buf);
    expect(decodeStaged(copy)).toEqual(items);
    // Exactly its own size: nothing spare travels with it.
    expect(buf.buffer.byteLength).toBe(buf.byteLength);
  });

  it('round-trips a large batch of 2000 long values', () => {
    const items = Array.from({ length: 2000 }, (_v, i) => item(`UGY-${String(i).padStart(7, '0')}`, `[${'Érték ő '.repeat(75)}${i}]`));
    const seen: string[] = [];
    const data = encodeStaged(items);
    expect(forEachStaged(data, (id, hash, packed) => seen.push(`${id}|${hash}|${packed}`))).toBe(2000);
    expect(seen).toEqual(items.map((p) => `${p.id}|${p.hash}|${p.packed}`));
    // Repetitive project text is what compressing is for.
    expect(data.length).toBeLessThan(legacy(items, 'raw').length / 4);
    expect(decodeStaged(legacy(items, 'deflate'))).toEqual(items);
  });

  it('hands UTF-8 fields over as their bytes, empty ones and UTF-16 batches as strings', () => {
    const seen: unknown[] = [];
    const visit = (...f: Array<Buffer | string>): number => seen.push(f.map((x) => (typeof x === 'string' ? `s:${x}` : `b:${x.toString('utf8')}`)));
    forEachStagedUtf8(encodeStaged([{ id: 'ő1', hash: '', packed: '😀' }]), visit);
    forEachStagedUtf8(legacy([{ id: 'x\uD800', hash: 'h', packed: '' }], 'raw', 'utf16le'), visit);
    expect(seen).toEqual([['b:ő1', 's:', 'b:😀'], ['s:x\uD800', 's:h', 's:']]);
  });

  it('refuses damaged data instead of misreading it', () => {
    const data = legacy([item('p1', '[1:a]'), item('p2', '[1:b]')], 'raw');
    const compressed = encodeStaged([item('p1', '[1:a]'), item('p2', '[1:b]')]);
    expect(() => decodeStaged(compressed.subarray(0, 9))).toThrow(/damaged/);
    expect(() => decodeStaged(Buffer.concat([compressed.subarray(0, 5), Buffer.from('not brotli')]))).toThrow(/damaged/);
    const old = legacy([item('p1', '[1:a]')], 'deflate');
    expect(() => decodeStaged(Buffer.concat([old.subarray(0, 5), Buffer.from('not deflate')]))).toThrow(/damaged/);
    expect(() => decodeStaged(Buffer.concat([Buffer.from([0xc1]), old.subarray(1)]))).toThrow(/damaged/);
    expect(() => decodeStaged(new Uint8Array([9, 0, 0, 0, 0]))).toThrow(/damaged/);
    expect(() => decodeStaged(data.subarray(0, data.length - 2))).toThrow(/damaged/);
    const longer = Buffer.concat([data, Buffer.from('x')]);
    expect(() => decodeStaged(longer)).toThrow(/damaged/);
  });
});

describe('StagedBatch (what reading threads hand over)', () => {
  it('stages packed bytes and prepared strings alike, and reads them back (a lone surrogate as U+FFFD)', () => {
    fc.assert(fc.property(fc.array(projectArb(true), { maxLength: 12 }), (projects) => {
      const b = new StagedBatch();
      const items = projects.map((p) => {
        const bytes = Buffer.from(packProject(p), 'utf8');
        b.add(p.Id, hashPacked(bytes), bytes);
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
      expect(Buffer.compare(staged!, encodeStaged(items))).toBe(0);
      expect(layout(staged!).equals(legacy(items, 'raw'))).toBe(true);
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
