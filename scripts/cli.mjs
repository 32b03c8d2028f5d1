// `npm run cli -- …`: runs the CLI bundled with the app (out/main/cli.js, electron-vite), the code
// users run, not TypeScript through a loader. When a source is newer than the bundle, the app is
// built first; its output goes to stderr so that `--json` on stdout stays clean.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundleIsStale, CLI_BUNDLE } from './cli-freshness.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

if (bundleIsStale(root)) {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('electron-vite/package.json');
  const bin = join(dirname(pkg), require(pkg).bin['electron-vite']);
  process.stderr.write('Building the app first (sources changed since the last build)…\n');
  const r = spawnSync(process.execPath, [bin, 'build'], { cwd: root, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) {
    process.stderr.write('Error: the build failed; the command line was not started.\n');
    process.exit(2);
  }
}

await import(pathToFileURL(join(root, CLI_BUNDLE)).href);
