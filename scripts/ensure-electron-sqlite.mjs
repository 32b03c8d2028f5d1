#!/usr/bin/env node
// Makes sure a better-sqlite3 binding built for Electron exists in .native/ (see
// docs/native-modules.md). It never touches node_modules/better-sqlite3/build: that is the Node
// build the tests and the CLI load, so `npm test` and `npm start` keep working in either order.
//
//   node scripts/ensure-electron-sqlite.mjs [--platform P] [--arch A] [--electron-version V] [--root DIR]
//
// Tries the official prebuilt (prebuild-install, a dependency of better-sqlite3) in a temporary
// copy of the package, then a local compile against Electron's headers (node-gyp). Exit 0 when
// the binding is there, 1 with one plain line when it cannot be obtained (e.g. offline).
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BINDING_FILE, cachedBindingPath, packageBindingPath } from './native-paths.mjs';

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const root = resolve(arg('root', join(dirname(fileURLToPath(import.meta.url)), '..')));
const requireFromRoot = createRequire(join(root, 'package.json'));
const platform = arg('platform', process.platform);
const cpu = arg('arch', process.arch);

function electronVersion() {
  const v = arg('electron-version', null);
  if (v) return v;
  return JSON.parse(readFileSync(requireFromRoot.resolve('electron/package.json'), 'utf8')).version;
}

const version = electronVersion();
const target = cachedBindingPath(root, version, platform, cpu);
const packaged = packageBindingPath(root, platform, cpu);

function publish() {
  mkdirSync(dirname(packaged), { recursive: true });
  copyFileSync(target, packaged);
}

function run(cmd, args, cwd, env) {
  const r = spawnSync(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 600_000, encoding: 'utf8' });
  return { ok: r.status === 0, output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}

function obtain() {
  const pkgDir = dirname(requireFromRoot.resolve('better-sqlite3/package.json'));
  const work = mkdtempSync(join(tmpdir(), 'electron-sqlite-'));
  const copy = join(work, 'better-sqlite3');
  try {
    // A private copy: prebuild-install and node-gyp write into ./build of the folder they run in.
    const nodeBuild = join(pkgDir, 'build');
    cpSync(pkgDir, copy, { recursive: true, filter: (src) => src !== nodeBuild && !src.startsWith(nodeBuild + sep) });
    const built = join(copy, 'build', 'Release', BINDING_FILE);
    const requireFromPkg = createRequire(join(pkgDir, 'package.json'));
    const prebuild = requireFromPkg.resolve('prebuild-install/bin.js');
    const attempts = [
      ['prebuild-install', [prebuild, '--runtime', 'electron', '--target', version, '--platform', platform, '--arch', cpu, '--verbose'], process.env],
    ];
    if (platform === process.platform) {
      // npm sets npm_config_nodedir to Node's headers; node-gyp must fetch Electron's instead.
      const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.toLowerCase() !== 'npm_config_nodedir'));
      const gyp = requireFromRoot.resolve('node-gyp/bin/node-gyp.js');
      attempts.push(['node-gyp', [gyp, 'rebuild', '--release', '--runtime=electron', `--target=${version}`, `--arch=${cpu}`, '--dist-url=https://electronjs.org/headers'], env]);
    }
    const failures = [];
    for (const [name, args, env] of attempts) {
      const r = run(process.execPath, args, copy, env);
      if (r.ok && existsSync(built)) {
        mkdirSync(dirname(target), { recursive: true });
        copyFileSync(built, target);
        return { ok: true, via: name };
      }
      failures.push(`${name}: ${lastLine(r.output)}`);
    }
    return { ok: false, failures };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function lastLine(text) {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  return lines.at(-1)?.slice(0, 200) ?? 'no output';
}

if (existsSync(target)) {
  publish();
  console.log(`ensure-electron-sqlite: Electron ${version} ${platform}-${cpu} binding present (${target}).`);
  process.exit(0);
}
const result = obtain();
if (result.ok) {
  publish();
  console.log(`ensure-electron-sqlite: got the better-sqlite3 binding for Electron ${version} ${platform}-${cpu} via ${result.via}.`);
  process.exit(0);
}
console.error(
  `ensure-electron-sqlite: cannot get better-sqlite3 for Electron ${version} ${platform}-${cpu} ` +
  `(no prebuilt download and no local build: ${result.failures.join(' | ')}); connect to the internet or see docs/native-modules.md.`,
);
process.exit(1);
