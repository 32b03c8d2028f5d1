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
}

export function emptyProject(id: string): FeedProject {
  return { Id: id, fields: {}, custom: [], Business: { fields: {}, Emails: [], Phones: [], Addresses: [] }, Contacts: [] };
}
