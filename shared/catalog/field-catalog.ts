import type { FieldType } from '../profile/profile-types';

export type { FieldType } from '../profile/profile-types';

export type FieldGroup = 'project' | 'business' | 'contact' | 'custom';

/**
 * One target field of the MiniCRM feed. `path` is the profile-level name
 * (`project.Name`, `business.Emails`, `business.Addresses[].City`, `contacts[].LastName`);
 * issues use the same path with a concrete index (`contacts[1].LastName`).
 */
export interface CatalogField {
  readonly path: string;
  /** The feed element name (`Name`, `PostalCode`, `Emails`, or the custom field's API name). */
  readonly element: string;
  readonly group: FieldGroup;
  readonly type: FieldType;
  readonly label: { readonly en: string; readonly hu: string };
  /** E-mail and phone lists: each entry carries `Value`, and `Type`/`Default` where the feed uses them. */
  readonly list?: boolean;
  readonly required?: boolean;
}

const f = (
  path: string,
  element: string,
  group: FieldGroup,
  type: FieldType,
  en: string,
  hu: string,
  extra: { list?: boolean; required?: boolean } = {},
): CatalogField => ({ path, element, group, type, label: { en, hu }, ...extra });

/** Every element of MiniCRM's example feed, in feed order (custom fields come from `customField`). */
export const FIELD_CATALOG: readonly CatalogField[] = [
  f('project.Id', 'Id', 'project', 'text', 'External id (required)', 'Külső azonosító (kötelező)', { required: true }),
  f('project.Name', 'Name', 'project', 'text', 'Card name', 'Adatlap neve'),
  f('project.StatusId', 'StatusId', 'project', 'text', 'Status', 'Státusz'),
  f('project.UserId', 'UserId', 'project', 'text', 'Owner (user)', 'Felelős (felhasználó)'),
  f('project.CategoryId', 'CategoryId', 'project', 'integer', 'Category (module) id', 'Kategória (modul) azonosító'),
  f('business.Name', 'Name', 'business', 'text', 'Company name', 'Cégnév'),
  f('business.Url', 'Url', 'business', 'url', 'Website', 'Weboldal'),
  f('business.Description', 'Description', 'business', 'text', 'Description', 'Leírás'),
  f('business.Region', 'Region', 'business', 'text', 'Region', 'Régió'),
  f('business.Employees', 'Employees', 'business', 'integer', 'Employees', 'Létszám'),
  f('business.YearlyRevenue', 'YearlyRevenue', 'business', 'number', 'Yearly revenue', 'Éves árbevétel'),
  f('business.EUVatNumber', 'EUVatNumber', 'business', 'text', 'EU VAT number', 'Közösségi adószám'),
  f('business.RegistrationNumber', 'RegistrationNumber', 'business', 'text', 'Registration number', 'Cégjegyzékszám'),
  f('business.BankAccount', 'BankAccount', 'business', 'text', 'Bank account', 'Bankszámlaszám'),
  f('business.Swift', 'Swift', 'business', 'text', 'SWIFT code', 'SWIFT kód'),
  f('business.Emails', 'Emails', 'business', 'email', 'Company e-mail', 'Cég e-mail', { list: true }),
  f('business.Phones', 'Phones', 'business', 'phone', 'Company phone', 'Cég telefon', { list: true }),
  f('business.Addresses[].PostalCode', 'PostalCode', 'business', 'text', 'Postal code', 'Irányítószám'),
  f('business.Addresses[].City', 'City', 'business', 'text', 'City', 'Település'),
  f('business.Addresses[].Address', 'Address', 'business', 'text', 'Street address', 'Cím (utca, házszám)'),
  f('business.Addresses[].Type', 'Type', 'business', 'text', 'Address type', 'Cím típusa'),
  f('contacts[].FirstName', 'FirstName', 'contact', 'text', 'Contact first name', 'Kapcsolattartó keresztnév'),
  f('contacts[].LastName', 'LastName', 'contact', 'text', 'Contact last name', 'Kapcsolattartó vezetéknév'),
  f('contacts[].Position', 'Position', 'contact', 'text', 'Contact position', 'Kapcsolattartó beosztás'),
  f('contacts[].Emails', 'Emails', 'contact', 'email', 'Contact e-mail', 'Kapcsolattartó e-mail', { list: true }),
  f('contacts[].Phones', 'Phones', 'contact', 'phone', 'Contact phone', 'Kapcsolattartó telefon', { list: true }),
];

const byPath = new Map(FIELD_CATALOG.map((c) => [c.path, c]));

/** Looks a field up by its profile path; indexes (`contacts[2]`) are ignored. */
export function catalogField(path: string): CatalogField | undefined {
  return byPath.get(path.replace(/\[\d+\]/g, '[]'));
}

/** Custom fields are text unless the profile (`as`) or MiniCRM's schema says otherwise. */
export function customField(apiName: string, type: FieldType = 'text'): CatalogField {
  return f(`custom.${apiName}`, apiName, 'custom', type, apiName, apiName);
}

/** Feed element names a custom field must not take: they would be read as the built-in field. */
export const RESERVED_ELEMENT_NAMES: ReadonlySet<string> = new Set([
  'Id', 'Name', 'StatusId', 'UserId', 'CategoryId', 'Business', 'Contacts', 'Contact', 'Project', 'Projects',
]);

/** A custom field's API name is written as an XML element name, so it must be one. */
export function isValidApiName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name) && !/^xml/i.test(name) && !RESERVED_ELEMENT_NAMES.has(name);
}

export const FIELD_TYPES: readonly FieldType[] = ['text', 'integer', 'number', 'date', 'email', 'phone', 'url'];
