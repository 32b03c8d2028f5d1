import type { XmlTag } from './xml-stream';
import { attr } from './xml-stream';
import { LIMITS } from './workbook-limits';

const TEXT_NS = 'urn:oasis:names:tc:opendocument:xmlns:text:1.0';
const OFFICE_NS = 'urn:oasis:names:tc:opendocument:xmlns:office:1.0';

/**
 * A cell's text as ODF defines it: paragraphs joined by line breaks; in literal text a run of
 * spaces, tabs and line ends is one space and leading or trailing ones are dropped, while
 * `<text:s text:c="3"/>`, `<text:tab/>` and `<text:line-break/>` are exact (that is how leading
 * and repeated spaces are kept). Comments (`office:annotation`) are not part of the value.
 */
export class OdsText {
  private paragraphs: string[] = [];
  private para = '';
  private pendingSpace = false;
  private inPara = 0;
  private skip = 0;
  private size = 0;
  /** More text than a cell may hold: collecting stopped (the caller refuses the file). */
  tooLong = false;

  reset(): void {
    this.paragraphs = [];
    this.para = '';
    this.pendingSpace = false;
    this.inPara = 0;
    this.skip = 0;
    this.size = 0;
    this.tooLong = false;
  }

  open(tag: XmlTag): void {
    if (tag.uri === OFFICE_NS && tag.local === 'annotation') this.skip++;
    if (this.skip > 0 || tag.uri !== TEXT_NS) return;
    switch (tag.local) {
      case 'p': case 'h':
        if (this.inPara++ === 0) {
          this.para = '';
          this.pendingSpace = false;
        }
        return;
      case 's': {
        const n = Number(attr(tag, 'c', TEXT_NS) ?? 1);
        return this.exact(' '.repeat(Number.isInteger(n) && n > 0 ? Math.min(n, LIMITS.cellChars + 1) : 1));
      }
      case 'tab': return this.exact('\t');
      case 'line-break': return this.exact('\n');
    }
  }

  close(tag: XmlTag): void {
    if (tag.uri === OFFICE_NS && tag.local === 'annotation') {
      this.skip--;
      return;
    }
    if (this.skip > 0 || tag.uri !== TEXT_NS || (tag.local !== 'p' && tag.local !== 'h')) return;
    if (--this.inPara !== 0 || this.tooLong) return;
    if (++this.size > LIMITS.cellChars + 1) this.tooLong = true;
    else this.paragraphs.push(this.para);
  }

  literal(s: string): void {
    if (this.skip > 0 || this.inPara === 0) return;
    const t = s.replace(/[ \t\r\n]+/g, ' ');
    if (t === ' ') {
      this.pendingSpace = true;
      return;
    }
    const body = t.trim();
    if (body === '') return;
    if (t.startsWith(' ')) this.pendingSpace = true;
    this.exact(body);
    this.pendingSpace = t.endsWith(' ');
  }

  value(): string {
    return this.paragraphs.join('\n');
  }

  private exact(s: string): void {
    if (this.skip > 0 || this.inPara === 0) return;
    if (this.tooLong) return;
    if (this.pendingSpace && this.para !== '') this.para += ' ';
    this.pendingSpace = false;
    this.size += s.length + 1;
    if (this.size > LIMITS.cellChars + 1) this.tooLong = true;
    else this.para += s;
  }
}
