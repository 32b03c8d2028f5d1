/**
 * Serves the BUILT renderer (out/renderer) on 127.0.0.1 with the app's own CSP header, so the
 * page runs under the same policy as in Electron (no inline scripts, nothing remote).
 */
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { cspHeader } from '../../../electron/main/security';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/** Newest modification time under a folder (the renderer sources and the shared code it bundles). */
function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

export async function serveRenderer(root = resolve('out/renderer')): Promise<StaticServer> {
  const index = join(root, 'index.html');
  if (!existsSync(index)) throw new Error(`${index} is missing: run \`npx electron-vite build\` (npm run build) first.`);
  // Testing an old build would pass or fail for the wrong reasons: refuse it with the fix.
  const source = Math.max(...['renderer', 'shared/ipc', 'shared/catalog', 'shared/domain'].map((d) => newest(resolve(d))));
  if (source > statSync(index).mtimeMs) throw new Error(`${index} is older than the renderer sources: run \`npx electron-vite build\` (npm run build) first.`);
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const rel = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(root, rel === '/' ? 'index.html' : rel);
    if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': cspHeader(),
      'Cache-Control': 'no-store',
    });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('no address');
  return {
    url: `http://127.0.0.1:${addr.port}/`,
    close: () => new Promise<void>((ok) => { server.closeAllConnections(); server.close(() => ok()); }),
  };
}
