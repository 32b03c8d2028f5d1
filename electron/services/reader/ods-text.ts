import type { XmlTag } from './xml-stream';
import { attr } from './xml-stream';
import { LIMITS } from './workbook-limits';

const TEXT_NS = 'urn:oasis:names:tc:opendocument:xmlns:text:1.0';
const OFFICE_NS = 'urn:oasis:names:tc:opendocument:xmlns:office:1.0';

/**
 * A cell's text: paragraphs joined by line breaks, `<text:s text:c="3"/>`, `<text:tab/>` and
 * `<text:line-break/>` as the characters they stand for, and literal text as it is: LibreOffice
 * reads it so (it writes repeated spaces as `<text:s>` but keeps a literal space or line end where
 * it finds one), and its reading is what users of ODS files see. Comments (`office:annotation`)
 * are not part of the value.
 */
export class OdsText {
  private paragraphs: string[] = [];
  private para = '';
  private inPara = 0;
  private skip = 0;
  private size = 0;
  /** More text than a cell may hold: collecting stopped (the caller refuses the file). */
  tooLong = false;

  reset(): void {
    this.paragraphs = [];
    this.para = '';
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
    this.exact(s);
  }

  value(): string {
    return this.paragraphs.join('\n');
  }

  private exact(s: string): void {
    if (this.skip > 0 || this.inPara === 0) return;
    if (this.tooLong) return;
    this.size += s.length + 1;
    if (this.size > LIMITS.cellChars + 1) this.tooLong = true;
    else this.para += s;
  }
}
