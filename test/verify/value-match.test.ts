import { describe, expect, it } from 'vitest';
import { compareCard, type CardInput } from '../../electron/services/verify/compare-card';
import { sameValue, type ValueKind } from '../../electron/services/verify/value-match';
import type { ProjectSchema } from '../../shared/domain/schema';

const text: ValueKind = { kind: 'text' };
const enumKind: ValueKind = { kind: 'enum', options: { 1: 'Gold', 2: 'Silver' } };

describe('sameValue: MiniCRM\'s own normalisation, and never a false match', () => {
  it.each([
    [text, 'Kiss Kft.', 'Kiss Kft.  ', 'same'],
    [text, 'Kiss & Fia', 'Kiss &amp; Fia', 'same'],
    [text, 'a\r\nb', 'a\nb', 'same'],
    [text, 'Kiss Kft.', 'Nagy Kft.', 'different'],
    [text, 'Kiss Kft.', '', 'different'],
    [text, 'Kiss Kft.', null, 'different'],
    [{ kind: 'number' }, '12', 12, 'same'],
    [{ kind: 'number' }, '12.5', '12,5', 'same'],
    [{ kind: 'number' }, '12', 13, 'different'],
    [{ kind: 'number' }, '12', 'tizenkettő', 'unknown'],
    [{ kind: 'date' }, '2026-03-01', '2026-03-01 00:00:00', 'same'],
    [{ kind: 'date' }, '2026-03-01 10:30:00', '2026-03-01 10:30', 'same'],
    [{ kind: 'date' }, '2026-03-01', '2026.03.01.', 'same'],
    [{ kind: 'date' }, '2026-03-01', '2026-03-02 00:00:00', 'different'],
    [{ kind: 'date' }, '2026-03-01 10:30:00', '2026-03-01', 'unknown'],
    [{ kind: 'date' }, '2026-03-01', 'március 1.', 'unknown'],
    [enumKind, 'Gold', '1', 'same'],
    [enumKind, '2', 'Silver', 'same'],
    [enumKind, 'gold', 'Gold', 'same'],
    [enumKind, 'Gold', 'Silver', 'different'],
    [enumKind, 'Bronze', 'Gold', 'unknown'],
    [{ kind: 'phone' }, '+36 30 765 4321', '06307654321', 'same'],
    [{ kind: 'phone' }, '+36 30 765 4321', '+36307654321', 'same'],
    [{ kind: 'phone' }, '+36 1 234 5678', '06-1/234-5678', 'same'],
    [{ kind: 'phone' }, '+36 30 765 4321', '06307654322', 'different'],
    [{ kind: 'phone' }, 'mellék 12', 'mellék 13', 'unknown'],
    [{ kind: 'email' }, 'Info@Kiss.hu', 'info@kiss.hu', 'same'],
    [{ kind: 'email' }, 'info@kiss.hu', 'iroda@kiss.hu', 'different'],
    [{ kind: 'url' }, 'www.kiss.hu', 'http://www.kiss.hu/', 'same'],
    [{ kind: 'url' }, 'https://kiss.hu', 'https://nagy.hu', 'different'],
    [{ kind: 'unknown' }, 'x', 'x ', 'same'],
    [{ kind: 'unknown' }, 'x', 'y', 'unknown'],
    [text, 'x', { nested: true }, 'unknown'],
  ] as const)('%j: %j vs %j -> %s', (kind, sent, found, want) => {
    expect(sameValue(kind as ValueKind, sent, found)).toBe(want);
  });
});

const schema: ProjectSchema = {
  categoryId: '1', fetchedAt: '', statuses: { 2500: 'New lead', 2501: 'In progress' }, users: { 10: 'Anna Kovács' },
  fields: { Name: { kind: 'text', maxLength: 512 }, Enum1221: { kind: 'enum', options: { 1: 'Gold', 2: 'Silver' } }, Blob9: { kind: 'other', raw: 'File' } },
};
const input = (over: Partial<CardInput> & { project: Record<string, unknown> }): CardInput => ({
  sent: {}, before: null, current: null, schema, region: 'HU', ...over,
  card: { minicrmId: '1001', project: over.project, business: null },
});

describe('compareCard', () => {
  it('statuses and users by label or id; a field MiniCRM does not describe is not comparable when it differs', () => {
    const r = compareCard(input({
      sent: { Name: 'A', StatusId: 'In progress', UserId: '10', Blob9: 'x.pdf', Mystery: 'q' },
      project: { Name: 'A', StatusId: 2501, UserId: 'Anna Kovács', Blob9: 'https://cdn/x.pdf', Mystery: 'q' },
    }));
    expect(r).toMatchObject({ status: 'match', matched: 4 });
    expect(r.fields).toEqual([{ field: 'Blob9', outcome: 'not-comparable', sent: 'x.pdf', found: 'https://cdn/x.pdf', reason: 'unknown-field' }]);
  });

  it('a field a later sync changed is not compared with this run\'s value', () => {
    const r = compareCard(input({ sent: { Name: 'A', Enum1221: 'Gold' }, current: { Name: 'A', Enum1221: 'Silver' }, project: { Name: 'A', Enum1221: 'Silver' } }));
    expect(r.status).toBe('match');
    expect(r.fields).toEqual([{ field: 'Enum1221', outcome: 'not-comparable', sent: 'Gold', found: null, reason: 'later-run' }]);
  });

  it('old values only: still to be imported; old values beside a changed field that arrived: differs', () => {
    const before = { Name: 'A', Enum1221: 'Gold' };
    expect(compareCard(input({ sent: { Name: 'B', Enum1221: 'Silver' }, before, project: { Name: 'A', Enum1221: 'Gold' } })))
      .toMatchObject({ status: 'pending', note: 'old-values' });
    expect(compareCard(input({ sent: { Name: 'B', Enum1221: 'Silver' }, before, project: { Name: 'B', Enum1221: 'Gold' } })))
      .toMatchObject({ status: 'differs', fields: [{ field: 'Enum1221', outcome: 'differs', sent: 'Silver', found: 'Gold' }] });
    // Without the previous state (runs delivered before it was recorded) a difference is a difference.
    expect(compareCard(input({ sent: { Name: 'B' }, project: { Name: 'A' } }))).toMatchObject({ status: 'differs' });
  });

  it('a card deleted in MiniCRM differs; a card with nothing comparable is not comparable', () => {
    expect(compareCard(input({ sent: { Name: 'A' }, project: { Name: 'A', Deleted: '1' } }))).toMatchObject({ status: 'differs', note: 'deleted' });
    expect(compareCard(input({ sent: { 'Contacts[0].LastName': 'Kiss' }, project: {} }))).toMatchObject({ status: 'not-comparable', matched: 0 });
  });

  it('the company: R3\'s one e-mail and phone are the default entries; the others are not read back', () => {
    const r = compareCard({
      ...input({ project: { ContactId: 5 } }),
      sent: {
        'Business.Name': 'Kiss Kft.', 'Business.EUVatNumber': 'HU123', 'Business.Emails[0].Value': 'a@kiss.hu', 'Business.Emails[1].Value': 'b@kiss.hu',
        'Business.Emails[1].Default': '1', 'Business.Phones[0].Value': '+36 1 234 5678',
      },
      card: { minicrmId: '1', project: { ContactId: 5 }, business: { Name: 'Kiss Kft.', VatNumber: 'HU123', Email: 'b@kiss.hu', Phone: '0612345678' } },
    });
    expect(r).toMatchObject({ status: 'match', matched: 5 });
    expect(r.fields).toEqual([{ field: 'Business.Emails[0].Value', outcome: 'not-comparable', sent: 'a@kiss.hu', found: null, reason: 'not-read' }]);
  });
});
