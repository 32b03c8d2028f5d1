/**
 * One project's `<Project>` element for the feed, with the checks the feed needs: custom field
 * names that XML can carry, and warnings for characters XML cannot carry. Used by the FeedWriter
 * and by a build's reading thread, which serializes ahead when every project will be written.
 */
import { UnusableInputError } from '../../../shared/domain/errors';
import type { RowIssue } from '../../../shared/domain/issue';
import type { FeedProject } from '../../../shared/domain/project';
import { serializeProject } from './feed-format';
import { forbiddenCharIssues } from './feed-warnings';
import { XmlEscaper, customFieldNameProblem } from './xml-text';

export class ProjectSerializer {
  private readonly esc = new XmlEscaper();
  private readonly checkedNames = new Set<string>();
  /** Warnings of the last serialized project (null when it needed none: the usual case). */
  warnings: RowIssue[] | null = null;

  serialize(p: FeedProject): string {
    for (const [name] of p.custom) this.checkName(name);
    this.esc.removed = false;
    const xml = serializeProject(p, this.esc);
    this.warnings = this.esc.removed ? forbiddenCharIssues(p) : null;
    return xml;
  }

  private checkName(name: string): void {
    if (this.checkedNames.has(name)) return;
    const problem = customFieldNameProblem(name);
    if (problem) throw new UnusableInputError('invalid-profile', `Custom field ${problem}.`, { field: name });
    this.checkedNames.add(name);
  }
}
