import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { memoryIo } from '../../electron/cli/io';
import { runCli } from '../../electron/cli/run-cli';
import { runCheckConnection } from '../../electron/cli/commands/check-connection';
import { runConfig } from '../../electron/cli/commands/config';
import { runPublish } from '../../electron/cli/commands/publish';
import { runRefs } from '../../electron/cli/commands/refs';
import { runSync } from '../../electron/cli/commands/sync';

export const PROFILE = fileURLToPath(new URL('./fixtures/customers.profile.json', import.meta.url));

/** Passed explicitly so these tests do not depend on how the dispatcher wires them. */
const PUBLISH_COMMANDS = { publish: runPublish, sync: runSync, refs: runRefs, 'check-connection': runCheckConnection, config: runConfig };

/** The CLI in-process, as `npm run cli -- …` would run it, with the given environment. */
export function cliWith(env: Record<string, string>) {
  return async (...argv: string[]): Promise<{ code: number; out: string; err: string }> => {
    const io = memoryIo(env);
    const code = await runCli(argv, io, PUBLISH_COMMANDS);
    return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
  };
}

export const HEADER = ['Ügyfélkód', 'Cégnév', 'E-mail', 'Telefon', 'Irányítószám', 'Város', 'Cím'];
export const baseRows = (): string[][] => [
  HEADER,
  ['C-001', 'Kovács és Társa Kft.', 'info@kovacs.hu', '06-30/765-4321', '1011', 'Budapest', 'Fő utca 1.'],
  ['C-002', 'Nagy Bt.', 'nagy@nagy.hu', '06 1 234 5678', '0161', 'Győr', 'Ady E. u. 5.'],
  ['C-003', 'Szabó Zrt.', 'iroda@szabo.hu', '+36 20 111 2222', '6720', 'Szeged', 'Tisza L. krt. 3.'],
];

export function writeCsv(file: string, rows: readonly (readonly string[])[]): string {
  writeFileSync(file, rows.map((r) => r.join(';')).join('\r\n') + '\r\n', 'utf8');
  return file;
}
