import { brotliDecompressSync, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeStaged, encodeStaged, forEachStaged, forEachStagedUtf8, stagedCountOf, type StagedProject } from '../../electron/services/delta/staged-codec';
import { packProject } from '../../electron/services/delta/packed-project';
import { hashPacked } from '../../electron/services/delta/project-hash';
import { seedProject } from './seed-project';

const item = (id: string, packed: string): StagedProject => ({ id, hash: hashPacked(packed), packed });

/** A batch as earlier versions stored it: the same layout uncompressed, or raw-deflated (format + 0x80). */
function legacy(items: StagedProject[], how: 'raw' | 'deflate'): Buffer {
  const data = encodeStaged(items);
  const rest = brotliDecompressSync(data.subarray(5));
  const head = Buffer.from(data.subarray(0, 5));
  head[0] = (head[0]! & 0x3f) | (how === 'deflate' ? 0x80 : 0);
  return Buffer.concat([head, how === 'deflate' ? deflateRawSync(rest, { level: 1 }) : rest]);
}

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
    // Batches staged by earlier versions (deflated) read back the same.
    const deflated = legacy(items, 'deflate');
    expect(deflated[0]).toBe(0x81);
    expect(stagedCountOf(deflated)).toBe(items.length);
    expect(decodeStaged(deflated)).toEqual(items);
    const raw = legacy(items, 'raw');
    expect(raw[0]).toBe(1);
    expect(decodeStaged(raw)).toEqual(items);
  });

  it('keeps lone surrogates exactly (stored as UTF-16, which UTF-8 cannot carry)', () => {
    const items = [item('a', 'x\uD800y'), item('b\uDFFF', '[1:\uDC00]'), item('c', '😀')];
    const data = encodeStaged(items);
    expect(data[0]).toBe(0x42);
    expect(decodeStaged(legacy(items, 'deflate'))).toEqual(items);
    const back = decodeStaged(data);
    expect(back).toEqual(items);
    expect(decodeStaged(legacy(items, 'raw'))).toEqual(items);
    expect(back[0]!.packed.charCodeAt(1)).toBe(0xd800);
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
    forEachStagedUtf8(legacy([{ id: 'x\uD800', hash: 'h', packed: '' }], 'raw'), visit);
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
