import type { AddressSpec, ContactSpec, FieldSpec, ProfileV1 } from './profile-types';
import { editDistance, foldText } from '../mapping/column-match';
import { displayName, isEmail } from '../validation/email';
import { CONTACT_ONLY, CONTACT_WORDS, SYNONYMS, type ProposalTarget } from './header-synonyms';
import { columnRefs } from './profile-match';
import { parseProfile } from './profile-parse';
import { DEFAULT_POLICY } from './error-policy';

export { matchProfileToHeaders, headerFingerprint, unmappedColumns, renameColumns } from './profile-match';
export type { ProfileMatch } from './profile-match';

/** Each target with the words of all its synonyms: what is left of a header besides them qualifies it (`Számlázási`). */
const TARGETS = SYNONYMS.map(([t, syns]) => [t, syns, new Set(syns.flatMap((x) => x.split(' ')))] as const);

const GENERIC_NAME = new Set(['nev', 'name', 'neve', 'teljes nev', 'full name']);
const MIN_SCORE = 65;

interface Guess {
  header: string;
  target: ProposalTarget;
  score: number;
  contact: number | null;
  /** Words left besides the matched phrase: groups address columns (`Számlázási város`). */
  qualifier: string;
}

/** Folded tokens with letters and digits apart (`kapcsolattarto2` -> `kapcsolattarto 2`). */
function tokens(header: string): string[] {
  return foldText(header).replace(/([a-z])(\d)/g, '$1 $2').replace(/(\d)([a-z])/g, '$1 $2').split(' ').filter(Boolean);
}

function phraseAt(hay: readonly string[], needle: readonly string[]): number {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

function score(rest: string[], syn: string, words: ReadonlySet<string>): { score: number; qualifier: string } {
  const r = rest.join(' ');
  if (r === syn) return { score: 100, qualifier: '' };
  if (r.replace(/ /g, '') === syn.replace(/ /g, '')) return { score: 95, qualifier: '' };
  const st = syn.split(' ');
  const at = phraseAt(rest, st);
  if (at >= 0) {
    // The head noun comes last in both languages: "Ügyfél e-mail" is an e-mail, "Cég neve" a name.
    const last = at + st.length === rest.length ? 5 : 0;
    return { score: 60 + (30 * syn.length) / r.length + last, qualifier: rest.filter((w) => !words.has(w)).join(' ') };
  }
  if (syn.length >= 5) {
    const d = editDistance(r, syn);
    if (d <= (syn.length >= 12 ? 2 : 1)) return { score: 90 - 5 * d, qualifier: '' };
  }
  return { score: 0, qualifier: '' };
}

function guess(header: string, samples: readonly string[] | undefined): Guess | null {
  let t = tokens(header);
  const inContact = t.some((w) => CONTACT_WORDS.has(w));
  let contact: number | null = null;
  if (inContact) {
    t = t.filter((w) => !CONTACT_WORDS.has(w));
    const n = t.find((w) => /^\d+$/.test(w));
    contact = n !== undefined && Number(n) >= 1 && Number(n) <= 20 ? Number(n) - 1 : 0;
  }
  // `Telefon 2`, `E-mail 2`: numbers only say "another one".
  t = t.filter((w) => !/^\d+$/.test(w));
  if (t.length === 0) {
    return inContact ? { header, target: 'contact.LastName', score: 80, contact, qualifier: '' } : null;
  }
  let best: Guess | null = null;
  for (const [target, syns, words] of TARGETS) {
    const contactTarget = target.startsWith('contact.');
    if (inContact && !contactTarget && target !== 'email' && target !== 'phone') continue;
    for (const syn of syns) {
      const s = score(t, syn, words);
      if (s.score < MIN_SCORE || (best && s.score <= best.score)) continue;
      // Outside a contact context a bare "Név" is the company's, not a person's.
      if (!inContact && contactTarget && !CONTACT_ONLY.has(target) && (target !== 'contact.LastName' || GENERIC_NAME.has(syn))) continue;
      best = { header, target, score: s.score, contact: contactTarget || inContact ? contact ?? 0 : null, qualifier: s.qualifier };
    }
  }
  if (!best && samples && samples.length > 0) {
    const filled = samples.filter((s) => s.trim() !== '');
    // `Nagy Gábor <gabor@example.hu>` counts as an address too (the e-mail field takes the address out).
    if (filled.length > 0 && filled.filter((s) => isEmail(s.trim()) || displayName(s) !== null).length / filled.length >= 0.8) {
      best = { header, target: 'email', score: MIN_SCORE, contact, qualifier: '' };
    }
  }
  return best;
}

/**
 * Proposes a valid profile (version 2) from the headers (Hungarian and English names, accent- and
 * case-insensitive, fuzzy). Each scalar field takes its best-scoring column; e-mails and phones
 * collect every matching column; `Contact 1 …`/`Contact 2 …` become separate contacts.
 */
export function proposeProfile(
  headers: readonly string[],
  opts: { name?: string; samples?: readonly (readonly string[])[] } = {},
): ProfileV1 {
  const guesses = headers.map((h, i) => (h.trim() === '' ? null : guess(h, opts.samples?.[i])));
  const scalar = new Map<string, Guess>();
  for (const g of guesses) {
    if (!g || g.target === 'email' || g.target === 'phone' || g.target.startsWith('address.')) continue;
    const key = g.contact === null ? g.target : `${g.target}#${g.contact}`;
    const had = scalar.get(key);
    if (!had || g.score > had.score) scalar.set(key, g);
  }
  const profile: ProfileV1 = {
    format: 'minicrm-sync-profile',
    version: 2,
    name: opts.name?.trim() || 'Proposed profile',
    project: { Id: '' },
  };
  const project = profile.project;
  const business: NonNullable<ProfileV1['business']> = {};
  const contacts: ContactSpec[] = [];
  const contactAt = (i: number): ContactSpec => (contacts[i] ??= {});
  for (const [key, g] of scalar) {
    const [target = ''] = key.split('#');
    const [group, field] = target.split('.') as [string, string];
    if (group === 'project') (project as unknown as Record<string, string>)[field] = g.header;
    else if (group === 'business') (business as Record<string, string>)[field] = g.header;
    else (contactAt(g.contact ?? 0) as Record<string, string>)[field] = g.header;
  }
  const addresses = new Map<string, AddressSpec>();
  for (const g of guesses) {
    if (!g) continue;
    const spec: FieldSpec = { column: g.header, split: true };
    if (g.target === 'email' || g.target === 'phone') {
      const list = g.target === 'email' ? 'Emails' : 'Phones';
      if (g.contact === null) (business[list] ??= []).push(spec);
      else (contactAt(g.contact)[list] ??= []).push(spec);
    } else if (g.target.startsWith('address.')) {
      const field = g.target.slice('address.'.length) as 'PostalCode' | 'City' | 'Address';
      let a = addresses.get(g.qualifier);
      if (!a) addresses.set(g.qualifier, (a = {}));
      a[field] ??= g.header;
    }
  }
  if (addresses.size) business.Addresses = [...addresses.values()];
  // MiniCRM needs a card name: without a project name column, the card is named after the company.
  if (project.Name === undefined && business.Name !== undefined) project.Name = business.Name;
  // The external id is required; without a recognisable one the first column is proposed for review.
  if (project.Id === '') project.Id = headers.find((h) => h.trim() !== '') ?? 'Id';
  if (Object.keys(business).length) profile.business = business;
  const realContacts = contacts.filter((c) => c && Object.keys(c).length > 0);
  if (realContacts.length) profile.contacts = realContacts;
  // Spelled out, so that the saved file says what bad values do.
  profile.onError = { ...DEFAULT_POLICY };
  // Round-trip through the parser: the proposal is a valid profile, keys in the usual order.
  return parseProfile(profile);
}

/** Every column a profile reads, as written in the profile. */
export function profileColumns(p: ProfileV1): string[] {
  return columnRefs(p);
}
