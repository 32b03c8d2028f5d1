/**
 * English text added for the office user's way through (issue 15): what would be lost before it is,
 * the first-start checklist, technical details kept apart, the mapping of the last delivery.
 */
export const enGuide = {
  work: {
    title: { open: 'Open another file?', reread: 'Read the file again with these settings?', 'start-over': 'Start over?' },
    body: {
      open: 'Your work on {{file}} has not been sent to MiniCRM yet:',
      reread: 'With these settings, part of your work on {{file}} no longer fits the file:',
      'start-over': 'Your work on {{file}} has not been sent to MiniCRM yet:',
    },
    edits: '{{count}} fixed cells',
    edits_one: '{{count}} fixed cell',
    skipped: '{{count}} left-out rows',
    skipped_one: '{{count}} left-out row',
    mapping: 'your changes to the mapping (not saved as a profile)',
    after: {
      open: 'Opening another file forgets them.',
      reread: 'These would be forgotten; the rest of your fixes stay.',
      'start-over': 'Starting over forgets them.',
    },
    confirm: { open: 'Forget them and open', reread: 'Forget them and read again', 'start-over': 'Forget them and start over' },
    keep: 'Keep my work',
  },
  details: {
    summary: 'Details (for IT)',
    http: 'HTTP answer: {{status}}',
    answer: 'The server answered: {{answer}}',
    minicrmAnswer: 'MiniCRM answered: {{answer}}',
    code: 'Code: {{code}}',
    uploadedTo: 'Uploaded to: {{target}}',
    file: 'File: {{path}} ({{size}})',
  },
  progress: {
    rows: '{{rows}} rows', rows_one: '{{rows}} row',
    rowsOf: '{{rows}} of {{total}} rows', rowsOf_one: '{{rows}} of {{total}} row',
    rowsOfAbout: '{{rows}} of about {{total}} rows', rowsOfAbout_one: '{{rows}} of about {{total}} row',
    left: 'about {{time}} left',
  },
  mappingDiff: {
    title: 'This mapping differs from the one used for {{file}}, delivered {{date}}:',
    removed: '{{count}} fields are no longer filled: {{fields}}. MiniCRM keeps what it has in them.',
    removed_one: '{{count}} field is no longer filled: {{fields}}. MiniCRM keeps what it has in it.',
    changed: '{{count}} fields are filled from another column or value: {{fields}}.',
    changed_one: '{{count}} field is filled from another column or value: {{fields}}.',
    added: '{{count}} fields are filled that were not before: {{fields}}.',
    added_one: '{{count}} field is filled that was not before: {{fields}}.',
    useDelivered: 'Use the mapping of that delivery',
    openMapping: 'Open the mapping',
  },
  setup: {
    title: 'Before the first sync',
    intro: 'Three things are needed once, on the Settings screen:',
    steps: { account: 'Your MiniCRM account (System ID and API key)', upload: 'The upload place MiniCRM fetches the file from', test: 'A connection test that works' },
    doneStep: 'Done:',
    openStep: 'Still to do:',
    testHelp: 'Press “Test connection” in each part of the Settings screen.',
    testFailed: 'The last connection test did not work; see the Settings screen.',
    openTests: 'Open Settings to test',
    ready: 'Everything is set up for syncing.',
  },
} as const;
