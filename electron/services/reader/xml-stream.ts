import { StringDecoder } from 'node:string_decoder';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import type { ZipArchive, ZipPart } from './zip-archive';
import { LIMITS, XML_TEXT_CHARS, damaged, overLimit, thousands } from './workbook-limits';

/**
 * Workbook XML (XLSX and ODS parts) through saxes, a streaming, namespace-aware parser: elements
 * are matched by namespace URI and local name, so `<x:c>` and `<c>` are one element; no DTD, no
 * entities beyond XML's five and character references. Input goes in slices, and after each one
 * the parser's own buffers (the text, name or attribute list it is collecting) are held to
 * LIMITS, so nothing a part holds grows memory or time beyond its size.
 */
export type XmlTag = SaxesTagNS;

export interface XmlHandler {
  open?(tag: XmlTag): void;
  close?(tag: XmlTag): void;
  /** Text with entities decoded and line ends normalised (CDATA sections too). */
  text?(s: string): void;
}

/** An attribute by local name and namespace URI (unprefixed attributes have none). */
export function attr(tag: XmlTag, local: string, uri = ''): string | undefined {
  const direct = tag.attributes[local];
  if (direct !== undefined && direct.uri === uri) return direct.value;
  for (const k in tag.attributes) {
    const a = tag.attributes[k]!;
    if (a.local === local && a.uri === uri) return a.value;
  }
  return undefined;
}

interface ParserBuffers { text: string; name: string; entity: string; piTarget: string; attribList: unknown[] }

const SLICE = 64 * 1024;

export class XmlStream {
  private readonly parser = new SaxesParser({ xmlns: true, position: false });
  private decoder: { write(b: Buffer): string; end(): string } | null = null;
  private started = false;

  constructor(private readonly fileName: string, private readonly part: string, handler: XmlHandler) {
    const p = this.parser;
    // Depth is counted here, at each element: saxes resolves a prefix by walking the open elements.
    let depth = 0;
    const open = handler.open;
    p.on('opentag', (tag) => {
      if (++depth > LIMITS.xmlDepth) throw overLimit(fileName, `its part "${part}" nests elements more than ${LIMITS.xmlDepth} deep`);
      open?.(tag);
    });
    const close = handler.close;
    p.on('closetag', (tag) => {
      depth--;
      close?.(tag);
    });
    if (handler.text) {
      p.on('text', handler.text);
      p.on('cdata', handler.text);
    }
    p.on('doctype', () => {
      throw damaged(fileName, `its part "${part}" declares a document type, which workbooks never do`);
    });
    p.on('error', () => {
      throw damaged(fileName, `its part "${part}" is not well-formed XML`);
    });
  }

  write(chunk: Buffer): void {
    const s = this.decode(chunk);
    if (s.length <= SLICE) this.feed(s);
    else for (let i = 0; i < s.length; i += SLICE) this.feed(s.slice(i, i + SLICE));
  }

  end(): void {
    if (this.decoder) this.feed(this.decoder.end());
    this.parser.close();
  }

  private feed(s: string): void {
    if (s === '') return;
    this.parser.write(s);
    const b = this.parser as unknown as ParserBuffers;
    if (b.text.length > XML_TEXT_CHARS || b.entity.length > LIMITS.xmlNameChars) {
      throw overLimit(this.fileName, `its part "${this.part}" holds a text of more than ${thousands(LIMITS.cellChars)} characters, more than Excel allows in a cell`);
    }
    if (b.name.length > LIMITS.xmlNameChars || b.piTarget.length > LIMITS.xmlNameChars) {
      throw damaged(this.fileName, `its part "${this.part}" holds a name thousands of characters long`);
    }
    if (b.attribList.length > LIMITS.xmlAttributes) {
      throw overLimit(this.fileName, `its part "${this.part}" holds an element with more than ${thousands(LIMITS.xmlAttributes)} attributes`);
    }
  }

  /** UTF-8, or UTF-16 when the part starts with its byte-order mark (both allowed in OOXML and ODF). */
  private decode(chunk: Buffer): string {
    if (!this.started) {
      this.started = true;
      if (chunk[0] === 0xff && chunk[1] === 0xfe) this.decoder = new StringDecoder('utf16le');
      else if (chunk[0] === 0xfe && chunk[1] === 0xff) this.decoder = utf16be();
      else this.decoder = new StringDecoder('utf8');
    }
    return (this.decoder as { write(b: Buffer): string }).write(chunk);
  }
}

function utf16be(): { write(b: Buffer): string; end(): string } {
  const d = new TextDecoder('utf-16be');
  return { write: (b) => d.decode(b, { stream: true }), end: () => d.decode() };
}

/** Parses a whole part; `done()` returning true stops reading (the rest is never inflated). */
export async function parseXmlPart(zip: ZipArchive, part: ZipPart, handler: XmlHandler, done: () => boolean = () => false): Promise<void> {
  const xml = new XmlStream(zip.fileName, part.name, handler);
  for await (const chunk of zip.bytes(part)) {
    xml.write(chunk);
    if (done()) return;
  }
  xml.end();
}
