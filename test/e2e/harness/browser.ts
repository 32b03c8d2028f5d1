/**
 * Debian's Chromium driven by playwright-core, with the page-side bridge installed before any
 * app script runs. `handle` answers every window.api request; `emit` pushes an event to the page.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { eventChannel, type EventName } from '../../../shared/ipc/contract';

export interface AppPage {
  page: Page;
  /** Uncaught page errors and console errors, for assertions. */
  errors: string[];
  emit(event: EventName, payload: unknown): Promise<void>;
  close(): Promise<void>;
}

let bridgeScript: string | null = null;

/** The page bridge bundled into one classic script (init scripts cannot be modules). */
async function bridge(): Promise<string> {
  if (bridgeScript) return bridgeScript;
  const out = await build({
    entryPoints: [resolve('test/e2e/harness/page-bridge.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
  });
  bridgeScript = out.outputFiles[0]!.text;
  return bridgeScript;
}

const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--no-first-run', '--disable-sync',
];

/**
 * A fresh Chromium profile (temp user-data dir, passed by Playwright as --user-data-dir) with the
 * bridge installed; `handle` answers every window.api request in this Node process.
 */
export async function openApp(
  url: string,
  handle: (channel: string, payload: unknown) => Promise<unknown>,
  opts: { locale?: string } = {},
): Promise<AppPage> {
  const profileDir = mkdtempSync(join(tmpdir(), 'e2e-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(profileDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    locale: opts.locale ?? 'hu-HU',
  });
  await context.exposeBinding('__ipc', (_source, channel: string, payload: unknown) => handle(channel, payload));
  await context.addInitScript({ content: await bridge() });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url);
  return {
    page,
    errors,
    emit: async (event, payload) => {
      await page.evaluate(([ch, p]) => (window as unknown as { __emit(c: string, p: unknown): void }).__emit(ch as string, p), [eventChannel(event), payload] as const);
    },
    close: async () => {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}
