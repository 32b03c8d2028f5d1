/**
 * The profile format: the mapping users save, export, import and share as a JSON file. Version 2 adds
 * `onError`; a version 1 file (written before it existed) still loads and keeps working as it did then.
 * The parser (profile-parse.ts) accepts exactly this shape and names any bad key. The type keeps its
 * first name, ProfileV1, because every layer uses it.
 */
export type FieldType = 'text' | 'integer' | 'number' | 'date' | 'email' | 'phone' | 'url';

/** A field maps to a column header (string, matched ignoring case and surrounding spaces) or to a spec. */
export type FieldRef = string | FieldSpec;

export interface FieldSpec {
  column?: string;
  /** A constant written for every row (e.g. CategoryId). */
  value?: string;
  /** Overrides the catalog type; custom fields are text unless `as` says otherwise. */
  as?: FieldType;
  /** Split `a, b; c` into several values (e-mails, phones). */
  split?: boolean;
  /** The `<Type>` of an e-mail/phone (office, home, …). */
  type?: string;
  /** Marks e-mails/phones of this entry as `<Default>1</Default>` (default: the first of a list). */
  default?: boolean;
}

export type ValueListSpec = FieldSpec;

export interface AddressSpec {
  type?: string;
  PostalCode?: FieldRef;
  City?: FieldRef;
  Address?: FieldRef;
}

export interface ContactSpec {
  FirstName?: FieldRef;
  LastName?: FieldRef;
  Position?: FieldRef;
  Emails?: ValueListSpec[];
  Phones?: ValueListSpec[];
}

export interface BusinessSpec {
  Name?: FieldRef;
  Url?: FieldRef;
  Description?: FieldRef;
  Region?: FieldRef;
  Employees?: FieldRef;
  YearlyRevenue?: FieldRef;
  EUVatNumber?: FieldRef;
  RegistrationNumber?: FieldRef;
  BankAccount?: FieldRef;
  Swift?: FieldRef;
  Emails?: ValueListSpec[];
  Phones?: ValueListSpec[];
  Addresses?: AddressSpec[];
}

/** What a bad value does: `leave-out` sends its Project without it, `reject` keeps the whole Project back. */
export type ErrorAction = 'leave-out' | 'reject';

export interface ErrorPolicy {
  /** A bad optional value: e-mails, phones, web address, numbers, dates, custom fields (Business and Contacts). */
  values: ErrorAction;
  /** A bad Name, StatusId, UserId or CategoryId of the Project (a missing or broken Id always rejects its row). */
  projectFields: ErrorAction;
  /** Rows of one Id that give different values: `leave-out` keeps the first row's value, `reject` rejects the Project. */
  conflicts: ErrorAction;
}

export interface ProfileV1 {
  format: 'minicrm-sync-profile';
  version: 1 | 2;
  name: string;
  source?: {
    sheet?: string;
    headerRow?: number;
    encoding?: string;
    delimiter?: string;
  };
  project: {
    Id: FieldRef;
    Name?: FieldRef;
    StatusId?: FieldRef;
    UserId?: FieldRef;
    CategoryId?: FieldRef;
  };
  business?: BusinessSpec;
  contacts?: ContactSpec[];
  /** Custom fields by MiniCRM API name. */
  custom?: Record<string, FieldRef>;
  /** Optional: default region for phone numbers without a country code (ISO 3166 alpha-2, default HU). */
  phoneRegion?: string;
  /** Version 2: what bad values do (keys left out take the defaults, see error-policy.ts). */
  onError?: Partial<ErrorPolicy>;
}
