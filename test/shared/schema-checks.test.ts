import { describe, expect, it } from 'vitest';
import { compileMapping } from '../../shared/mapping/compile-mapping';
import { parseProfile } from '../../shared/profile/profile-parse';
import type { ProjectSchema } from '../../shared/domain/schema';

const schema: ProjectSchema = {
  categoryId: '3',
  fetchedAt: '2026-11-27T10:00:00Z',
  fields: {
    Name: { kind: 'text', maxLength: 20 },
    Enum1221: { kind: 'enum', options: { '11': 'Arany', '12': 'Ezüst', '13': 'Bronz' } },
    Note: { kind: 'text', maxLength: 10 },
    Seats: { kind: 'int' },
    Budget: { kind: 'float' },
    Renewal: { kind: 'date' },
    Code: { kind: 'int' },
  },
  statuses: { '2501': 'Új érdeklődő', '2502': 'Folyamatban', '2503': 'Lezárt' },
  users: { '101': 'Kiss Anna', '102': 'Nagy Péter' },
};

const profile = parseProfile({
  format: 'minicrm-sync-profile', version: 1, name: 'schema',
  project: { Id: 'Kód', Name: 'Név', StatusId: 'Státusz', UserId: 'Felelős' },
  custom: {
    Enum1221: 'Csomag', Note: 'Megjegyzés', Seats: 'Helyek', Budget: 'Keret', Renewal: 'Megújítás',
    Code: { column: 'Kód2', as: 'text' },
  },
});
const headers = ['Kód', 'Név', 'Státusz', 'Felelős', 'Csomag', 'Megjegyzés', 'Helyek', 'Keret', 'Megújítás', 'Kód2'];

describe('checks against MiniCRM schema', () => {
  const m = compileMapping(profile, headers, { schema });

  it('accepts names or ids and writes them as given', () => {
    const r = m.mapRow({ row: 2, cells: ['1', 'Rövid név', 'folyamatban', '101', 'Arany', 'jó', '12', '1 500,5', '2025.01.31.', '77'] });
    expect(r.issues).toEqual([]);
    expect(m.schemaChecked).toBe(true);
    expect(r.project?.fields).toEqual({ Name: 'Rövid név', StatusId: 'folyamatban', UserId: '101' });
    expect(r.project?.custom).toEqual([
      ['Enum1221', 'Arany'], ['Note', 'jó'], ['Seats', '12'], ['Budget', '1500.5'], ['Renewal', '2025-01-31'], ['Code', '77'],
    ]);
  });

  it('rejects unknown options with the closest label, long text and non-integers', () => {
    const r = m.mapRow({
      row: 5,
      cells: ['1', 'Ez a név bizony hosszabb húsz karakternél', 'Folyamatba', 'Kis Anna', 'Platina', 'túl hosszú megjegyzés', '1,5', 'sok', 'holnap', 'A12'],
    });
    expect(r.hasError).toBe(true);
    const by = Object.fromEntries(r.issues.map((i) => [i.field, i]));
    expect(by['project.StatusId']).toMatchObject({ code: 'unknown-option', severity: 'error', params: { closest: 'Folyamatban' } });
    expect(by['project.StatusId']?.message).toBe('Row 5, column "Státusz": "Folyamatba" is not a known status in MiniCRM (closest: "Folyamatban").');
    expect(by['project.UserId']).toMatchObject({ code: 'unknown-option', params: { closest: 'Kiss Anna' } });
    expect(by['custom.Enum1221']).toMatchObject({ code: 'unknown-option' });
    expect(by['project.Name']).toMatchObject({ code: 'value-too-long', params: { max: 20 } });
    expect(by['custom.Note']).toMatchObject({ code: 'value-too-long', params: { max: 10 } });
    expect(by['custom.Seats']).toMatchObject({ code: 'invalid-integer' });
    expect(by['custom.Budget']).toMatchObject({ code: 'invalid-number' });
    expect(by['custom.Renewal']).toMatchObject({ code: 'invalid-date' });
    expect(by['custom.Code']).toMatchObject({ code: 'invalid-integer' });
  });

  it('notes custom fields the schema does not list', () => {
    const p = parseProfile({ format: 'minicrm-sync-profile', version: 1, name: 'n', project: { Id: 'Kód' }, custom: { Unknown7: 'Megjegyzés' } });
    const c = compileMapping(p, headers, { schema });
    expect(c.notes).toMatchObject([{ row: 0, column: 'Megjegyzés', field: 'custom.Unknown7', severity: 'warning' }]);
    expect(c.notes[0]?.message).toBe('Custom field "Unknown7" is not in MiniCRM\'s schema for category 3; MiniCRM may refuse the feed.');
    expect(m.notes).toEqual([]);
  });

  it('without a schema these checks are not made', () => {
    const plain = compileMapping(profile, headers);
    expect(plain.schemaChecked).toBe(false);
    const r = plain.mapRow({ row: 2, cells: ['1', 'x', 'Ismeretlen', 'Senki', 'Platina', 'nagyon hosszú szöveg', '1,5', 'sok', 'holnap', 'A12'] });
    expect(r.issues).toEqual([]);
  });
});
