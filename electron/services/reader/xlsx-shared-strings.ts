import { StringDecoder } from 'node:string_decoder';

/**
 * The shared-string table of an XLSX, packed as UTF-8 in large buffers. Excel stores every distinct
 * text of a workbook there; a 1M-row export holds millions of them, and exceljs's array of JS
 * strings (plus rich-text objects) alone can pass the 512 MB budget. Here each entry costs its
 * UTF-8 bytes plus 10 bytes of index; cells decode their text when read. Rich text is flattened
 * to plain text (what the user sees), phonetic runs are dropped.
 */
const CHUNK = 32 * 1024 * 1024;

export class SharedStringTable {
  private readonly buffers: Buffer[] = [Buffer.allocUnsafe(CHUNK)];
  private used = 0;
  private chunkOf = new Uint16Array(4096);
  private startOf = new Uint32Array(4096);
  private lengthOf = new Uint32Array(4096);
  count = 0;

  add(text: string): void {
    const bytes = Buffer.byteLength(text, 'utf8');
    let buf = this.buffers[this.buffers.length - 1] as Buffer;
    if (this.used + bytes > buf.length) {
      this.buffers[this.buffers.length - 1] = buf.subarray(0, this.used);
      buf = Buffer.allocUnsafe(Math.max(CHUNK, bytes));
      this.buffers.push(buf);
      this.used = 0;
    }
    if (this.count === this.startOf.length) this.grow();
    buf.write(text, this.used, 'utf8');
    this.chunkOf[this.count] = this.buffers.length - 1;
    this.startOf[this.count] = this.used;
    this.lengthOf[this.count] = bytes;
    this.used += bytes;
    this.count++;
  }

  get(i: number): string | undefined {
    if (!(i >= 0 && i < this.count)) return undefined;
    const start = this.startOf[i] as number;
    return (this.buffers[this.chunkOf[i] as number] as Buffer).toString('utf8', start, start + (this.lengthOf[i] as number));
  }

  private grow(): void {
    const n = this.startOf.length * 2;
    const c = new Uint16Array(n); c.set(this.chunkOf); this.chunkOf = c;
    const s = new Uint32Array(n); s.set(this.startOf); this.startOf = s;
    const l = new Uint32Array(n); l.set(this.lengthOf); this.lengthOf = l;
  }

  /** What exceljs's worksheet reader indexes (`sharedStrings[i]`). */
  asArray(): unknown[] {
    return new Proxy([] as unknown[], {
      get: (target, prop) => {
        if (typeof prop === 'string') {
          const c = prop.charCodeAt(0);
          if (c >= 48 && c <= 57) return this.get(Number(prop));
        }
        return Reflect.get(target, prop);
      },
    });
  }
}

const SI = /<(?:\w+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?si>)/g;
const T = /<(?:\w+:)?t\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?t>)/g;
const PHONETIC = /<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g;

const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML entities, then Excel's `_xHHHH_` escapes for control characters (`_x000D_` is a CR). */
export function decodeCellXml(s: string): string {
  let out = s;
  if (out.includes('&')) {
    out = out.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) =>
      e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : (ENTITY[e] as string));
  }
  if (out.includes('_x')) out = out.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return out;
}

function itemText(inner: string | undefined): string {
  if (!inner) return '';
  const body = inner.includes('rPh') ? inner.replace(PHONETIC, '') : inner;
  let text = '';
  T.lastIndex = 0;
  for (let m = T.exec(body); m; m = T.exec(body)) text += m[1] ?? '';
  return decodeCellXml(text);
}

export async function readSharedStrings(xml: AsyncIterable<Buffer | string> | Iterable<Buffer | string>): Promise<SharedStringTable> {
  const table = new SharedStringTable();
  const decoder = new StringDecoder('utf8');
  let pending = '';
  const drain = (): void => {
    SI.lastIndex = 0;
    let end = 0;
    for (let m = SI.exec(pending); m; m = SI.exec(pending)) {
      table.add(itemText(m[1]));
      end = SI.lastIndex;
    }
    pending = pending.slice(end);
  };
  for await (const chunk of xml) {
    pending += typeof chunk === 'string' ? chunk : decoder.write(chunk);
    drain();
  }
  pending += decoder.end();
  drain();
  return table;
}
