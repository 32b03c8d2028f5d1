import { emptyProject, type FeedProject } from '../../shared/domain/project';

/** test/fixtures/example-feed.xml (MiniCRM's own example) as a FeedProject. */
export function seedProject(): FeedProject {
  return {
    Id: '123456',
    fields: { Name: 'Name of example opportunity card', StatusId: 'In progress', UserId: 'Colleague’s name', CategoryId: '3' },
    custom: [],
    Business: {
      fields: {
        Name: 'Company name', Url: 'http://minicrm-test.local/', Description: 'Description', Region: 'North West',
        Employees: '268', YearlyRevenue: '12', EUVatNumber: 'GB12345678', RegistrationNumber: '6666-66-666666',
        BankAccount: '34255345-44325543-15485245', Swift: '34-45432345-342345345-2',
      },
      Emails: [
        { Value: 'companyname@mc.local', Type: 'home', Default: '0' },
        { Value: 'Officecompanyname@mc.local', Type: 'office', Default: '1' },
      ],
      Phones: [
        { Value: '+441614960654', Type: 'office', Default: '1' },
        { Value: '+44 161 496 0057', Type: 'home', Default: '0' },
      ],
      Addresses: [
        { PostalCode: '0161', City: 'Budapest', Address: '50 Thomas Street', Type: 'HQ' },
        { PostalCode: '0161', City: 'Győr', Address: '70 Phillips Street', Type: 'Shop' },
      ],
    },
    Contacts: [
      {
        fields: { FirstName: 'First name', LastName: 'Last name', Position: 'CEO;' },
        Emails: [{ Value: 'contact@mc.local' }],
        Phones: [{ Value: '+441614960654' }, { Value: '+44 161 496 0057' }],
      },
      {
        fields: { FirstName: 'First name2', LastName: 'Last name2', Position: 'Assistant' },
        Emails: [{ Value: 'OfficecontactB@mc.local,contactB@mc.local' }],
        Phones: [{ Value: '+44 161 496 0003 +44 161 496 0480' }],
      },
    ],
  };
}

/** A project with only an Id and a name. */
export function namedProject(id: string, name: string): FeedProject {
  const p = emptyProject(id);
  p.fields.Name = name;
  return p;
}
