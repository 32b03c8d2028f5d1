/**
 * Turning projects into the feed's bytes, apart from the file: reading threads make the feed's XML
 * of their batches and hand over finished bytes (moved between threads without a copy).
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

/** Projects' XML for the feed, as UTF-8 bytes of a batch (made on any thread: engine/project-output.ts). */
export interface EncodedProjects {
  bytes: Uint8Array;
  projects: number;
  warnings: RowIssue[];
  warningCount: number;
  /** Called once the file no longer needs `bytes` (their buffer may then be filled again). */
  release?: () => void;
}
