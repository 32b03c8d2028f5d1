import { checkConnection } from '../../services/publish/preflight';
import { loadSettings } from '../../services/publish/settings';
import { allowFlags, boolFlag, stringFlag, type CliArgs } from '../args';
import { openCliDatabase } from '../cli-db';
import type { CliIo } from '../io';
import { cliSecretStore } from './config';

const LABEL = { minicrm: 'MiniCRM', upload: 'Upload', 'public-url': 'Public URL' } as const;

/** `check-connection`: MiniCRM credentials, the upload target, the public URL. Exit 0 all ok, 1 otherwise. */
export async function runCheckConnection(args: CliArgs, io: CliIo): Promise<number> {
  allowFlags(args, ['db', 'secrets', 'json']);
  const db = openCliDatabase(stringFlag(args, 'db'), io);
  try {
    const { store } = cliSecretStore(args, io, db);
    const r = await checkConnection(loadSettings(db.settings), store, { hostKeys: db.hostKeys, apiCalls: db.apiCalls });
    if (boolFlag(args, 'json')) io.out(JSON.stringify(r, null, 2));
    else for (const p of r.parts) io.out(`${LABEL[p.part].padEnd(11)} ${p.skipped ? 'skipped' : p.ok ? 'ok     ' : 'FAILED '} ${p.message}`);
    return r.ok ? 0 : 1;
  } finally {
    db.close();
  }
}
