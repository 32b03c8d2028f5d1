/**
 * A strict, streaming parser of MiniCRM feeds back into FeedProjects (history view, diff, the
 * MiniCRM stand-in). Anything that is not well-formed XML or not the feed's structure is an error
 * naming the line, like MiniCRM refusing "xml is not valid!".
 */
import { SaxesParser } from 'saxes';
import {
  ADDRESS_FIELDS, BUSINESS_SCALARS, CONTACT_SCALARS, PROJECT_SCALARS, emptyProject,
  type AddressField, type BusinessScalar, type ContactScalar, type FeedAddress, type FeedProject, type FeedValue, type ProjectScalar,
} from '../../../shared/domain/project';

export class FeedFormatError extends Error {
  override readonly name = 'FeedFormatError';
}

const PROJECT_SET = new Set<string>(PROJECT_SCALARS);
const BUSINESS_SET = new Set<string>(BUSINESS_SCALARS);
const CONTACT_SET = new Set<string>(CONTACT_SCALARS);
const ADDRESS_SET = new Set<string>(ADDRESS_FIELDS);
const VALUE_SET = new Set(['Value', 'Type', 'Default']);

type Leaf = (text: string) => void;

export class FeedParser {
  private readonly sax = new SaxesParser({ position: true });
  private readonly stack: string[] = [];
  private leaf: Leaf | null = null;
  private text = '';
  private project: FeedProject | null = null;
  private ready: FeedProject[] = [];
  private value: FeedValue | null = null;
  private address: FeedAddress | null = null;
  private sawRoot = false;

  constructor() {
    this.sax.on('error', (e) => {
      throw new FeedFormatError(`The feed is not well-formed XML: ${e.message}`);
    });
    this.sax.on('opentag', (tag) => this.open(tag.name, tag.attributes as Record<string, string>));
    this.sax.on('closetag', (tag) => this.close(tag.name));
    const onText = (t: string): void => {
      if (this.leaf) this.text += t;
      else if (t.trim() !== '') this.fail(`unexpected text ${JSON.stringify(t.trim().slice(0, 40))}`);
    };
    this.sax.on('text', onText);
    this.sax.on('cdata', onText);
  }

  write(chunk: string): void {
    this.sax.write(chunk);
  }

  end(): void {
    this.sax.close();
    if (!this.sawRoot) this.fail('no <Projects> root element');
  }

  /** Projects completed since the last take(). */
  take(): FeedProject[] {
    const out = this.ready;
    this.ready = [];
    return out;
  }

  private fail(what: string): never {
    throw new FeedFormatError(`Feed line ${this.sax.line}: ${what}.`);
  }

  private open(name: string, attrs: Record<string, string>): void {
    if (this.leaf) this.fail(`<${name}> inside the value element <${this.stack.at(-1)}>`);
    const path = this.stack.join('/');
    this.stack.push(name);
    const p = this.project;
    const where = `<${name}> in <${this.stack.at(-2) ?? '(document)'}>`;
    switch (path) {
      case '':
        if (name !== 'Projects') this.fail(`the root element is <${name}>, not <Projects>`);
        this.sawRoot = true;
        return;
      case 'Projects':
        if (name !== 'Project') this.fail(`unexpected ${where}`);
        if (attrs.Id === undefined || attrs.Id === '') this.fail('a <Project> without an Id attribute');
        this.project = emptyProject(attrs.Id);
        return;
      case 'Projects/Project':
        if (name === 'Business' || name === 'Contacts') return;
        this.expectLeaf((t) => {
          if (PROJECT_SET.has(name)) p!.fields[name as ProjectScalar] = t;
          else p!.custom.push([name, t]);
        });
        return;
      case 'Projects/Project/Business':
        if (name === 'Emails' || name === 'Phones' || name === 'Addresses') return;
        if (!BUSINESS_SET.has(name)) this.fail(`unexpected ${where}`);
        this.expectLeaf((t) => (p!.Business.fields[name as BusinessScalar] = t));
        return;
      case 'Projects/Project/Business/Emails':
      case 'Projects/Project/Business/Phones':
      case 'Projects/Project/Contacts/Contact/Emails':
      case 'Projects/Project/Contacts/Contact/Phones': {
        const list = path.endsWith('Emails') ? 'Emails' : 'Phones';
        if (name !== list.slice(0, -1)) this.fail(`unexpected ${where}`);
        this.value = { Value: '' };
        const owner = path.includes('Contact/') ? p!.Contacts.at(-1)! : p!.Business;
        owner[list].push(this.value);
        return;
      }
      case 'Projects/Project/Business/Addresses':
        if (name !== 'Address') this.fail(`unexpected ${where}`);
        this.address = {};
        p!.Business.Addresses.push(this.address);
        return;
      case 'Projects/Project/Contacts':
        if (name !== 'Contact') this.fail(`unexpected ${where}`);
        p!.Contacts.push({ fields: {}, Emails: [], Phones: [] });
        return;
      case 'Projects/Project/Contacts/Contact':
        if (name === 'Emails' || name === 'Phones') return;
        if (!CONTACT_SET.has(name)) this.fail(`unexpected ${where}`);
        this.expectLeaf((t) => (p!.Contacts.at(-1)!.fields[name as ContactScalar] = t));
        return;
      case 'Projects/Project/Business/Addresses/Address':
        if (!ADDRESS_SET.has(name)) this.fail(`unexpected ${where}`);
        this.expectLeaf((t) => (this.address![name as AddressField] = t));
        return;
      default:
        if (/(Email|Phone)$/.test(path) && VALUE_SET.has(name)) {
          this.expectLeaf((t) => this.setValuePart(name, t));
          return;
        }
        this.fail(`unexpected ${where}`);
    }
  }

  private setValuePart(name: string, t: string): void {
    const v = this.value!;
    if (name === 'Value') v.Value = t;
    else if (name === 'Type') v.Type = t;
    else if (t === '0' || t === '1') v.Default = t;
    else this.fail(`<Default> must be 0 or 1, not ${JSON.stringify(t)}`);
  }

  private expectLeaf(assign: Leaf): void {
    this.leaf = assign;
    this.text = '';
  }

  private close(name: string): void {
    this.stack.pop();
    if (this.leaf) {
      const assign = this.leaf;
      this.leaf = null;
      assign(this.text);
      return;
    }
    if (name === 'Project' && this.stack.length === 1) {
      this.ready.push(this.project!);
      this.project = null;
    } else if (name === 'Email' || name === 'Phone') {
      this.value = null;
    }
  }
}
