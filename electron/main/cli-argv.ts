/** Whether the app binary was started as the command line (`<app> --cli …`); kept apart so the window app loads no CLI code. */

/**
 * Chromium's own switches the launcher or a schedule entry may put before the command
 * (`--ozone-platform=headless` without a display, `--password-store=…` for the keyring of the
 * desktop session): Chromium reads them from the command line, the CLI must not see them.
 */
const CHROMIUM_SWITCH = /^--(ozone-platform|password-store|disable-gpu|no-sandbox|enable-logging)(=.*)?$/;

/**
 * The CLI's arguments when the app was started as `<app> --cli …` (packaged: argv[1]; `electron .`
 * in a checkout: argv[2]); null for the window app. Only the first places count, so a file or a
 * value named `--cli` further on never turns the window app into the command line.
 */
export function cliArgvOf(argv: readonly string[]): string[] | null {
  const at = argv.slice(1, 3).indexOf('--cli');
  if (at < 0) return null;
  const rest = argv.slice(at + 2);
  let i = 0;
  while (i < rest.length && CHROMIUM_SWITCH.test(rest[i]!)) i++;
  return rest.slice(i);
}
