/** The v1 example profile from the issue, verbatim. */
export const EXAMPLE_PROFILE_JSON = `{ "format": "minicrm-sync-profile", "version": 1, "name": "ERP customers",
  "source": { "sheet": "Customers", "headerRow": 3, "encoding": "windows-1250", "delimiter": ";" },
  "project":  { "Id": "Customer code", "Name": "Project", "StatusId": "Status", "UserId": "Owner",
                "CategoryId": { "value": "3" } },
  "business": { "Name": "Company", "Url": "Web", "Employees": "Staff", "YearlyRevenue": "Revenue",
                "Emails": [ { "column": "E-mail", "type": "office", "split": true } ],
                "Phones": [ { "column": "Phone", "type": "office" } ],
                "Addresses": [ { "type": "HQ", "PostalCode": "Zip", "City": "City", "Address": "Street" } ] },
  "contacts": [ { "FirstName": "First name", "LastName": "Last name", "Position": "Title",
                  "Emails": [ { "column": "Contact e-mail" } ], "Phones": [ { "column": "Contact phone" } ] } ],
  "custom":   { "ContractStart": { "column": "Start", "as": "date" }, "Note": "Remarks" } }`;

/** Headers of a file that fits the example profile. */
export const EXAMPLE_HEADERS = [
  'Customer code', 'Project', 'Status', 'Owner', 'Company', 'Web', 'Staff', 'Revenue', 'E-mail', 'Phone', 'Zip',
  'City', 'Street', 'First name', 'Last name', 'Title', 'Contact e-mail', 'Contact phone', 'Start', 'Remarks',
];
