/**
 * Finding and starting a worker thread the same way from built code and from TypeScript source:
 * the job runner's job worker and a build's reading thread both need it.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';

/** How to start a worker: a bundled .js directly, or a .ts entry through the tsx bootstrap. */
export interface WorkerEntry {
  file: string;
  bootstrap?: string;
}

/**
 * The worker `name` for code running at `baseUrl`. Built code: the bundled `name.js` beside it or
 * one folder up (electron-vite puts shared code in out/main/chunks/), null when the bundle lacks it.
 * TypeScript source (tests, tsx, the CLI): `name.ts` beside it, started through the tsx bootstrap
 * at `bootstrapRel`. Names are variables, so Vite does not try to bundle the workers as assets.
 */
export function workerEntryFor(baseUrl: string, name: string, bootstrapRel: string): WorkerEntry | null {
  if (baseUrl.endsWith('.js')) {
    for (const rel of [`./${name}.js`, `../${name}.js`]) {
      const file = fileURLToPath(new URL(rel, baseUrl));
      if (existsSync(file)) return { file };
    }
    return null;
  }
  return { file: fileURLToPath(new URL(`./${name}.ts`, baseUrl)), bootstrap: fileURLToPath(new URL(bootstrapRel, baseUrl)) };
}

export function startWorker(entry: WorkerEntry, workerData: object, resourceLimits: ResourceLimits = {}): Worker {
  return entry.bootstrap
    ? new Worker(entry.bootstrap, { workerData: { ...workerData, __entry: pathToFileURL(entry.file).href }, resourceLimits })
    : new Worker(entry.file, { workerData, resourceLimits });
}
