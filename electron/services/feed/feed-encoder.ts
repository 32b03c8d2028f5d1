/**
 * Turning projects into the feed's bytes, apart from the file: the writer uses it, and so does a
 * build's reading thread when every project will be written anyway (a full build), which then
 * hands over finished bytes (moved between threads without a copy) instead of strings to clone.
 */
import { UnusableInputError } from '../../../shared/domain/errors';
import type { RowIssue } from '../../../shared/domain/issue';
import type { FeedProject } from '../../../shared/domain/project';
import { serializeProject } from './feed-format';
import { forbiddenCharIssues } from './feed-warnings';
import { XmlEscaper, customFieldNameProblem } from './xml-text';

/** One project's XML, checking custom field names once and collecting removed-character warnings. */
export class ProjectSerializer {
  private readonly esc = new XmlEscaper();
  private readonly checkedNames = new Set<string>();
  /** The first `warningCap` warnings since the last takeWarnings(); `warningCount` counts all. */
  warnings: RowIssue[] = [];
  warningCount = 0;

  constructor(private readonly warningCap = 1000) {}

  xml(p: FeedProject): string {
    for (const [name] of p.custom) this.checkName(name);
    this.esc.removed = false;
    const xml = serializeProject(p, this.esc);
    if (this.esc.removed) {
      for (const issue of forbiddenCharIssues(p)) {
        this.warningCount++;
        if (this.warnings.length < this.warningCap) this.warnings.push(issue);
      }
    }
    return xml;
  }

  takeWarnings(): { warnings: RowIssue[]; warningCount: number } {
    const out = { warnings: this.warnings, warningCount: this.warningCount };
    this.warnings = [];
    this.warningCount = 0;
    return out;
  }

  private checkName(name: string): void {
    if (this.checkedNames.has(name)) return;
    const problem = customFieldNameProblem(name);
    if (problem) throw new UnusableInputError('invalid-profile', `Custom field ${problem}.`, { field: name });
    this.checkedNames.add(name);
  }
}

/** Projects' XML for the feed, as UTF-8 bytes of a batch. */
export interface EncodedProjects {
  bytes: Uint8Array;
  projects: number;
  warnings: RowIssue[];
  warningCount: number;
}

/** Gathers a batch's XML straight into one buffer of its own (so it can be transferred). */
export class BatchEncoder {
  private readonly serializer = new ProjectSerializer();
  private buf = Buffer.allocUnsafeSlow(1 << 22);
  private pos = 0;
  private count = 0;

  add(p: FeedProject): void {
    const xml = this.serializer.xml(p);
    // UTF-8 needs at most 3 bytes per UTF-16 unit.
    if (this.pos + xml.length * 3 > this.buf.length) {
      const bigger = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.pos + xml.length * 3));
      this.buf.copy(bigger, 0, 0, this.pos);
      this.buf = bigger;
    }
    this.pos += this.buf.write(xml, this.pos, 'utf8');
    this.count++;
  }

  /** The batch so far; the encoder starts a new buffer (the old one may be transferred). */
  take(): EncodedProjects {
    const out = { bytes: new Uint8Array(this.buf.buffer, this.buf.byteOffset, this.pos), projects: this.count, ...this.serializer.takeWarnings() };
    this.buf = Buffer.allocUnsafeSlow(this.buf.length);
    this.pos = 0;
    this.count = 0;
    return out;
  }

  reset(): void {
    this.pos = 0;
    this.count = 0;
    this.serializer.takeWarnings();
  }
}
