/**
 * The stand-in for the app's own binary that the launcher tests put where the installed app's
 * binary lies (Electron cannot run here): it does what main does at start — `cliArgvOf` decides
 * whether this is the command line, and `runMainCli` runs it with the app's keychain-backed secret
 * store (fake-safe-storage.ts standing in for safeStorage) and a notification port. It writes what
 * it received to $STANDIN_LOG (one JSON line per start) and notifications to $STANDIN_NOTIFY.
 * Bundled with esbuild by the tests; started by a small shell script named like the app's binary.
 */
import { appendFileSync } from 'node:fs';
import { cliArgvOf } from '../../electron/main/cli-argv';
import { runMainCli } from '../../electron/main/cli-mode';
import { fakeSafeStorage } from './fake-safe-storage';

// Electron's argv[0] is the binary; under node it is the script.
const argv = process.argv.slice(1);
const cli = cliArgvOf(argv);
const log = process.env.STANDIN_LOG;
if (log) {
  appendFileSync(log, `${JSON.stringify({ received: argv.slice(1), cli, display: process.env.DISPLAY ?? null, dbus: process.env.DBUS_SESSION_BUS_ADDRESS ?? null })}\n`);
}
if (!cli) {
  process.stdout.write('(the window app would open here)\n');
} else {
  const notifyLog = process.env.STANDIN_NOTIFY;
  process.exitCode = await runMainCli(cli, {
    safeStorage: fakeSafeStorage(),
    notify: async (title, body) => {
      if (notifyLog) appendFileSync(notifyLog, `${JSON.stringify({ title, body })}\n`);
    },
  });
}
