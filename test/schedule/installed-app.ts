/**
 * An installed app's layout in a temp folder, as the launcher finds it: `resources/bin/minicrm-sync`
 * (the shipped launcher, copied) and, two folders up, the app's binary `minicrm-xml-sync` — here a
 * shell script starting the stand-in (standin-app.ts, bundled once into test/.tmp so it finds the
 * project's node_modules).
 */
import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const BUNDLE = resolve('test/.tmp/launcher/standin-app.mjs');
let bundled: Promise<void> | null = null;

const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export interface InstalledApp {
  root: string;
  launcher: string;
  binary: string;
  /** What each start of the stand-in received. */
  starts(): Array<{ received: string[]; cli: string[] | null; display: string | null; dbus: string | null }>;
  notifications(): Array<{ title: string; body: string }>;
}

export async function installApp(dir: string): Promise<InstalledApp> {
  bundled ??= build({
    entryPoints: [resolve('test/schedule/standin-app.ts')], outfile: BUNDLE, bundle: true, platform: 'node', format: 'esm',
    packages: 'external', target: 'node20', logLevel: 'silent',
  }).then(() => undefined);
  await bundled;
  const root = join(dir, 'MiniCRM XML Sync');
  const bin = join(root, 'resources', 'bin');
  mkdirSync(bin, { recursive: true });
  const launcher = join(bin, 'minicrm-sync');
  copyFileSync(resolve('resources/bin/minicrm-sync'), launcher);
  chmodSync(launcher, 0o755);
  const log = join(dir, 'starts.jsonl');
  const notify = join(dir, 'notifications.jsonl');
  const binary = join(root, 'minicrm-xml-sync');
  writeFileSync(binary, [
    '#!/bin/sh',
    `STANDIN_LOG=${q(log)}; STANDIN_NOTIFY=${q(notify)}; export STANDIN_LOG STANDIN_NOTIFY`,
    `exec ${q(process.execPath)} ${q(BUNDLE)} "$@"`,
    '',
  ].join('\n'));
  chmodSync(binary, 0o755);
  const lines = (f: string) => (existsSync(f) ? readFileSync(f, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : []);
  return { root, launcher, binary, starts: () => lines(log), notifications: () => lines(notify) };
}

/** Runs a program without the test's display and MINICRM_* variables, like a scheduler would. */
export function runProgram(program: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(MINICRM_|DISPLAY$|WAYLAND_DISPLAY$|DBUS_SESSION)/.test(k)));
  return new Promise((done, fail) => {
    const child = spawn(program, args, { env: { ...clean, ...env } as NodeJS.ProcessEnv });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? -1, out, err }));
  });
}

