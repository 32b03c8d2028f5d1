// Whether the bundled CLI (out/main/cli.js) is older than what it is built from, so `npm run cli`
// rebuilds only then and otherwise starts at once (a stat of a few hundred files takes milliseconds).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What the main-process bundles are built from (the renderer is not part of the CLI). */
export const CLI_SOURCES = ['electron', 'shared', 'scripts/native-paths.mjs', 'package.json', 'package-lock.json', 'electron.vite.config.ts', 'tsconfig.json'];

export const CLI_BUNDLE = 'out/main/cli.js';

/** Newest modification time (ms) among `paths` under `root`, folders walked; missing paths are ignored. */
export function newestMtime(root, paths = CLI_SOURCES) {
  let newest = 0;
  const visit = (p) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const name of readdirSync(p)) visit(join(p, name));
    } else if (st.mtimeMs > newest) {
      newest = st.mtimeMs;
    }
  };
  for (const p of paths) visit(join(root, p));
  return newest;
}

/** True when the bundle is missing or any source is newer than it. */
export function bundleIsStale(root, bundle = CLI_BUNDLE, paths = CLI_SOURCES) {
  let built;
  try {
    built = statSync(join(root, bundle)).mtimeMs;
  } catch {
    return true;
  }
  return newestMtime(root, paths) > built;
}
