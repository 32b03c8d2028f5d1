/**
 * What office exports call each catalog field, in Hungarian and English, already folded
 * (lower case, no accents, punctuation as spaces: see foldText). Proposals compare headers with
 * these; order inside a list does not matter, longer phrases simply score higher.
 */
export type ProposalTarget =
  | 'project.Id' | 'project.Name' | 'project.StatusId' | 'project.UserId' | 'project.CategoryId'
  | 'business.Name' | 'business.Url' | 'business.Description' | 'business.Region' | 'business.Employees'
  | 'business.YearlyRevenue' | 'business.EUVatNumber' | 'business.RegistrationNumber' | 'business.BankAccount'
  | 'business.Swift' | 'email' | 'phone' | 'address.PostalCode' | 'address.City' | 'address.Address'
  | 'contact.FirstName' | 'contact.LastName' | 'contact.Position';

export const SYNONYMS: ReadonlyArray<readonly [ProposalTarget, readonly string[]]> = [
  ['project.Id', ['id', 'azonosito', 'ugyfelkod', 'ugyfel kod', 'ugyfel azonosito', 'ugyfelazonosito', 'ugyfelszam',
    'ugyfel szam', 'customer id', 'customer code', 'customer no', 'customer number', 'client id', 'client code',
    'external id', 'kulso azonosito', 'partnerkod', 'partner kod', 'partner azonosito', 'vevokod', 'vevo kod',
    'vevoazonosito', 'kod', 'code', 'account id', 'reference id', 'referencia', 'cikkszam', 'sorszam', 'key']],
  ['project.Name', ['projekt', 'projekt neve', 'projekt nev', 'projektnev', 'adatlap', 'adatlap neve', 'adatlap nev',
    'project', 'project name', 'opportunity', 'opportunity name', 'lehetoseg', 'targy', 'card name', 'deal',
    'deal name', 'ugylet']],
  ['project.StatusId', ['statusz', 'allapot', 'status', 'state', 'stage', 'fazis', 'szakasz']],
  ['project.UserId', ['felelos', 'tulajdonos', 'owner', 'user', 'felhasznalo', 'kereskedo', 'sales rep',
    'account manager', 'assigned to', 'uzletkoto', 'kollega', 'responsible']],
  // A bare "Kategória" column usually holds the customer's own grouping, not MiniCRM's category id.
  ['project.CategoryId', ['category id', 'kategoria azonosito', 'kategoria id', 'modul id', 'modul azonosito']],
  ['business.Name', ['cegnev', 'ceg nev', 'ceg neve', 'ceg', 'company', 'company name', 'nev', 'name', 'partner',
    'partner neve', 'partner nev', 'partnernev', 'ugyfel', 'ugyfel neve', 'ugyfelnev', 'ugyfel nev', 'customer',
    'customer name', 'client', 'client name', 'vevo', 'vevo neve', 'vevonev', 'business', 'business name',
    'organisation', 'organization', 'szervezet', 'vallalat', 'vallalkozas', 'firm', 'account name', 'megnevezes']],
  ['business.Url', ['weboldal', 'honlap', 'web', 'website', 'web site', 'url', 'webcim', 'web cim', 'homepage',
    'internet cim', 'weblap']],
  ['business.Description', ['leiras', 'description', 'tevekenyseg', 'tevekenysegi kor', 'activity', 'about',
    'bemutatkozas', 'profil']],
  ['business.Region', ['regio', 'region', 'megye', 'county', 'terulet', 'area', 'orszagresz']],
  ['business.Employees', ['letszam', 'dolgozok szama', 'dolgozoi letszam', 'alkalmazottak', 'alkalmazottak szama',
    'employees', 'staff', 'headcount', 'employee count', 'number of employees', 'no of employees', 'munkavallalok',
    'foglalkoztatottak', 'fo']],
  ['business.YearlyRevenue', ['arbevetel', 'eves arbevetel', 'forgalom', 'eves forgalom', 'revenue', 'yearly revenue',
    'annual revenue', 'turnover', 'annual turnover', 'netto arbevetel', 'sales revenue']],
  ['business.EUVatNumber', ['kozossegi adoszam', 'eu adoszam', 'eu vat', 'eu vat number', 'vat', 'vat number',
    'vat id', 'vat no', 'adoszam', 'ado szam', 'tax number', 'tax id', 'tax no', 'kozossegi ado azonosito']],
  ['business.RegistrationNumber', ['cegjegyzekszam', 'cegjegyzek szam', 'cegjegyzek', 'cjsz', 'registration number',
    'company registration number', 'reg no', 'registration no', 'company number', 'torzsszam', 'nyilvantartasi szam',
    'cegszam']],
  ['business.BankAccount', ['bankszamla', 'bankszamlaszam', 'bank szamla', 'bank szamlaszam', 'szamlaszam',
    'bank account', 'bank account number', 'iban']],
  ['business.Swift', ['swift', 'bic', 'swift kod', 'swift code', 'swift bic', 'bic kod']],
  ['email', ['email', 'e mail', 'emailcim', 'email cim', 'e mail cim', 'mail', 'email address', 'e mail address',
    'levelcim', 'elektronikus levelcim']],
  ['phone', ['telefon', 'telefonszam', 'tel', 'phone', 'phone number', 'mobil', 'mobile', 'telefon szam',
    'mobilszam', 'mobil szam', 'mobiltelefon', 'cell', 'cellphone', 'telephone', 'tel szam', 'vezetekes']],
  ['address.PostalCode', ['iranyitoszam', 'irsz', 'irszam', 'ir szam', 'zip', 'zip code', 'zipcode', 'postal code',
    'postcode', 'post code', 'postai iranyitoszam']],
  ['address.City', ['varos', 'telepules', 'helyseg', 'city', 'town', 'locality', 'telepules neve', 'helysegnev']],
  ['address.Address', ['cim', 'utca', 'utca hazszam', 'street', 'address', 'street address', 'kozterulet',
    'utca hsz', 'hazszam', 'address line', 'address line 1', 'utca es hazszam']],
  ['contact.FirstName', ['keresztnev', 'utonev', 'first name', 'firstname', 'given name', 'kereszt nev']],
  ['contact.LastName', ['vezeteknev', 'csaladnev', 'last name', 'lastname', 'surname', 'family name', 'nev', 'name',
    'neve', 'vezetek nev', 'teljes nev', 'full name']],
  ['contact.Position', ['beosztas', 'pozicio', 'titulus', 'position', 'title', 'job title', 'role', 'munkakor',
    'beosztasa']],
];

/** Words that put a header in a contact person's context (`Kapcsolattartó 2 e-mail`, `Contact last name`). */
export const CONTACT_WORDS: ReadonlySet<string> = new Set([
  'kapcsolattarto', 'kapcsolattartok', 'kapcsolattartoja', 'kapcsolat', 'contact', 'contacts', 'kontakt',
  'person', 'szemely', 'ugyintezo', 'kontaktszemely',
]);

/** Targets that only exist on a contact, even without a contact word (`Keresztnév`). */
export const CONTACT_ONLY: ReadonlySet<ProposalTarget> = new Set(['contact.FirstName', 'contact.Position']);
