import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { memoryIo } from '../../electron/cli/io';
import { runCli } from '../../electron/cli/run-cli';
import type { ProfileV1 } from '../../shared/profile/profile-types';

export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/engine');

/** The profile of the two-reading-thread tests (split-build, split-validate): columns Kód;Cég;Keresztnév;Vezetéknév;E-mail;Megjegyzés. */
export const SPLIT_PROFILE: ProfileV1 = {
  format: 'minicrm-sync-profile', version: 1, name: 'Felezés',
  project: { Id: 'Kód', Name: 'Cég' },
  business: { Name: 'Cég', Emails: [{ column: 'E-mail' }] },
  contacts: [{ FirstName: 'Keresztnév', LastName: 'Vezetéknév' }],
  custom: { Megjegyzes: 'Megjegyzés' },
};

/** A fresh temp folder per test, removed afterwards. */
export function tempDirs(): () => string {
  const made: string[] = [];
  afterEach(() => {
    for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  return () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'minicrm-engine-'));
    made.push(d);
    return d;
  };
}

/** Runs the CLI in-process, as `npm run cli -- …` would. */
export async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo({ MINICRM_SYNC_HOME: os.tmpdir() });
  const code = await runCli(argv, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

/** Writes a `;`-separated UTF-8 CSV (quoted where needed). */
export function writeCsv(file: string, rows: readonly (readonly string[])[]): string {
  const q = (v: string): string => (/[;"\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  fs.writeFileSync(file, rows.map((r) => r.map(q).join(';')).join('\r\n') + '\r\n', 'utf8');
  return file;
}

/**
 * The rows a Check session shows for a validate report made with `keep: true` (what the Check grid
 * pages), left-out rows not included: cells as they stand after the edits, with their issues.
 */
export async function keptRows(report: import('../../electron/services/engine/validate').ValidationReport, profile: ProfileV1,
  opts: { edits?: import('../../shared/ipc/types').CellEdit[]; excludedRows?: number[]; extraRows?: import('../../shared/domain/restored-row').ExtraRow[] } = {},
): Promise<import('../../shared/ipc/types').CheckRow[]> {
  const { ValidationSessions } = await import('../../electron/services/app/validation-sessions');
  const { compileMapping } = await import('../../shared/mapping/compile-mapping');
  const sessions = new ValidationSessions({
    makeChecker: (_req, info) => {
      const compiled = compileMapping(profile, info.headers);
      return (row, cells) => {
        const r = compiled.mapRow({ row, cells });
        return { id: r.id, issues: r.issues };
      };
    },
  });
  const s = sessions.create(report, { path: report.info.path, profile, edits: opts.edits ?? [], excludedRows: opts.excludedRows ?? [] }, opts.extraRows ?? []);
  const page = await sessions.page(s.sessionId, false, 0, 100_000);
  sessions.close(s.sessionId);
  return page.rows.filter((r) => !r.excluded);
}
