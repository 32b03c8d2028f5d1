/**
 * A MiniCRM Project (opportunity card) exactly as the feed carries it. Keys are the feed's element
 * names so that the writer, the hash and the diff need no second naming scheme. All values are
 * final, normalised strings (validation has run); empty values are absent.
 */
export const PROJECT_SCALARS = ['Name', 'StatusId', 'UserId', 'CategoryId'] as const;
export type ProjectScalar = (typeof PROJECT_SCALARS)[number];

export const BUSINESS_SCALARS = [
  'Name', 'Url', 'Description', 'Region', 'Employees', 'YearlyRevenue',
  'EUVatNumber', 'RegistrationNumber', 'BankAccount', 'Swift',
] as const;
export type BusinessScalar = (typeof BUSINESS_SCALARS)[number];

export const CONTACT_SCALARS = ['FirstName', 'LastName', 'Position'] as const;
export type ContactScalar = (typeof CONTACT_SCALARS)[number];

export const ADDRESS_FIELDS = ['PostalCode', 'City', 'Address', 'Type'] as const;
export type AddressField = (typeof ADDRESS_FIELDS)[number];

/** An `<Email>` or `<Phone>` entry. */
export interface FeedValue {
  Value: string;
  Type?: string;
  /** '1' marks the default entry of a list; absent means the element is not written. */
  Default?: '0' | '1';
}

export type FeedAddress = Partial<Record<AddressField, string>>;

export interface FeedBusiness {
  fields: Partial<Record<BusinessScalar, string>>;
  Emails: FeedValue[];
  Phones: FeedValue[];
  Addresses: FeedAddress[];
}

export interface FeedContact {
  fields: Partial<Record<ContactScalar, string>>;
  Emails: FeedValue[];
  Phones: FeedValue[];
}

export interface FeedProject {
  /** The external id (the other system's key), `<Project Id="…">`. */
  Id: string;
  fields: Partial<Record<ProjectScalar, string>>;
  /** Custom fields by API name, in profile order; written directly under `<Project>`. */
  custom: Array<[apiName: string, value: string]>;
  Business: FeedBusiness;
  Contacts: FeedContact[];
}

/** A project plus where it came from, as the engine passes it along. */
export interface AssembledProject {
  project: FeedProject;
  /** Spreadsheet row numbers that built this project, in order. */
  rows: number[];
  /** True when any of its rows has an error: the whole project is rejected. */
  rejected: boolean;
  /** What it holds, by key, once a second row arrives (merge-projects.ts keeps merging linear). */
  held: Map<string, number> | null;
}

export function emptyProject(id: string): FeedProject {
  return { Id: id, fields: {}, custom: [], Business: { fields: {}, Emails: [], Phones: [], Addresses: [] }, Contacts: [] };
}

// Which values and entries a project carries: the feed, its packed form and its field paths
// (delta/field-paths.ts) all leave the others out, so a path such as Contacts[1] names the same entry in each.
export const isPresent = (v: string | undefined): v is string => v !== undefined && v !== '';

export function hasValue(list: readonly FeedValue[]): boolean {
  for (let i = 0; i < list.length; i++) if (list[i]!.Value) return true;
  return false;
}

export const presentValues = (list: readonly FeedValue[]): FeedValue[] => list.filter((v) => isPresent(v.Value));
export const presentAddresses = (list: readonly FeedAddress[]): FeedAddress[] =>
  list.filter((a) => ADDRESS_FIELDS.some((f) => isPresent(a[f])));
export const presentContacts = (list: readonly FeedContact[]): FeedContact[] =>
  list.filter((c) => CONTACT_SCALARS.some((f) => isPresent(c.fields[f])) || hasValue(c.Emails) || hasValue(c.Phones));

function byName(a: readonly [string, string], b: readonly [string, string]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

/**
 * The custom fields a project carries, as its packed form and field paths keep them: by name, the
 * last present value of a repeated name winning, empty values left out (the feed lists them in
 * profile order).
 */
export function presentCustom(list: FeedProject['custom']): Array<readonly [string, string]> {
  if (list.length === 0) return [];
  if (list.length === 1) return list[0]![1] ? [list[0]!] : [];
  if (list.length === 2) {
    // The common case of a few custom fields, without a sort and a Map per project.
    const [a, b] = list as [[string, string], [string, string]];
    if (a[0] === b[0]) return b[1] || a[1] ? [[a[0], b[1] || a[1]]] : [];
    const [x, y] = a[0] < b[0] ? [a, b] : [b, a];
    return x[1] ? (y[1] ? [x, y] : [x]) : y[1] ? [y] : [];
  }
  // A Map keeps first-seen order, which after sorting is name order.
  const last = new Map<string, string>();
  for (const [name, v] of [...list].sort(byName)) if (v) last.set(name, v);
  return [...last];
}
