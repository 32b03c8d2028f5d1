/**
 * Turning projects into the feed's bytes, apart from the file: the writer uses it, and so does a
 * build's reading thread when every project will be written anyway (a full build), which then
 * hands over finished bytes (moved between threads without a copy) instead of strings to clone.
 */
import { UnusableInputError } from '../../../shared/domain/errors';
import type { RowIssue } from '../../../shared/domain/issue';
import type { FeedProject } from '../../../shared/domain/project';
import { ByteOut } from './byte-out';
import { encodeProject } from './project-encoding';
import { forbiddenCharIssues } from './feed-warnings';
import { customFieldNameProblem } from './xml-text';

/** One project's XML, checking custom field names once and collecting removed-character warnings. */
export class ProjectSerializer {
  private readonly checkedNames = new Set<string>();
  /** The first `warningCap` warnings since the last takeWarnings(); `warningCount` counts all. */
  warnings: RowIssue[] = [];
  warningCount = 0;

  constructor(private readonly warningCap = 1000) {}

  /** For callers that want the XML only: the packed form is written here and dropped. */
  private readonly scratch = new ByteOut(1 << 12);

  /**
   * Appends the project's `<Project>` element to `out` as UTF-8, and its packed values
   * (packed-project.ts) to `pack` when given (project-encoding.ts makes both in one walk).
   */
  write(p: FeedProject, out: ByteOut, pack?: ByteOut): void {
    for (const [name] of p.custom) this.checkName(name);
    out.removed = false;
    if (!pack) this.scratch.pos = 0;
    encodeProject(p, out, pack ?? this.scratch);
    if (out.removed) {
      for (const issue of forbiddenCharIssues(p)) {
        this.warningCount++;
        if (this.warnings.length < this.warningCap) this.warnings.push(issue);
      }
    }
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
  /**
   * Set by the receiving side: called once the bytes are in the file, after which `bytes`' buffer
   * may be handed back to the reading thread to be filled again. A full build moves 1.5 GB through
   * these buffers; new ones each time cost both threads allocations and the writing thread some
   * 40 full collections (their memory counts as external and drives collections).
   */
  release?: () => void;
}

/** Gathers a batch's XML straight into one buffer of its own (so it can be transferred). */
export class BatchEncoder {
  private readonly serializer = new ProjectSerializer();
  private readonly out = new ByteOut(1 << 22);
  private count = 0;

  /** Adds a project's XML; its packed values go to `pack` (see ProjectSerializer.write). */
  add(p: FeedProject, pack?: ByteOut): void {
    this.serializer.write(p, this.out, pack);
    this.count++;
  }

  /**
   * The batch so far; the encoder starts a new buffer (the old one may be transferred), in `reuse`
   * when given and large enough (a buffer an earlier batch was sent in, back from the writer).
   */
  take(reuse?: ArrayBuffer): EncodedProjects {
    const out = { bytes: this.out.take(reuse), projects: this.count, ...this.serializer.takeWarnings() };
    this.count = 0;
    return out;
  }

  reset(): void {
    this.out.pos = 0;
    this.count = 0;
    this.serializer.takeWarnings();
  }
}
