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
} as const;
