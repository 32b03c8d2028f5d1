import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, run, waitFor } from './free-port';
import { makeTestCa, type TestCa } from './test-ca';

export const BEARER_TOKEN = 'test-bearer-token-7';

export interface NginxServer {
  port: number;
  /** https://127.0.0.1:PORT */
  origin: string;
  ca: TestCa;
  user: string;
  password: string;
  /** Folder on disk behind /dav/ (upload, basic auth) and /public/ (anonymous GET). */
  davDir: string;
  /** Upload folder URL (PUT/MOVE/DELETE with basic auth). */
  davUrl: string;
  /** Same folder, anonymous GET: what MiniCRM downloads. */
  publicUrl: string;
  /** Same folder, GET with basic auth (download credentials of a protected folder). */
  protectedUrl: string;
  /** Upload folder with a 1 KB body limit, to provoke 413. */
  smallUrl: string;
  /** Refuses writes with 403. */
  readonlyUrl: string;
  /** Same folder as /dav/, accepting only `Authorization: Bearer ${BEARER_TOKEN}`. */
  bearerUrl: string;
  /** Answers 503 to everything. */
  brokenUrl: string;
  /** Serves `extraDir` (e.g. the sshd upload folder) anonymously, if given. */
  extraUrl: string | null;
  /** Files under the dav folder, relative names. */
  files(sub?: string): string[];
  stop(): Promise<void>;
}

/**
 * Debian's nginx with the WebDAV module over TLS (a CA made here), basic auth from an htpasswd
 * made with `openssl passwd -apr1`. Runs with its own prefix/config in a temp dir.
 */
export async function startNginx(opts: { extraDir?: string } = {}): Promise<NginxServer> {
  const dir = mkdtempSync(join(tmpdir(), 'minicrm-nginx-'));
  const ca = makeTestCa(join(dir, 'tls'));
  const user = 'uploader';
  const password = 'up-Secret-42';
  const hash = run('openssl', ['passwd', '-apr1', password]).trim();
  writeFileSync(join(dir, 'htpasswd'), `${user}:${hash}\n`);
  const davDir = join(dir, 'www', 'dav');
  const smallDir = join(dir, 'www', 'small');
  mkdirSync(davDir, { recursive: true });
  mkdirSync(smallDir, { recursive: true });
  for (const t of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, 'tmp', t), { recursive: true });

  let child: ChildProcess | null = null;
  let port = 0;
  for (let attempt = 0; attempt < 5 && !child; attempt++) {
    port = await freePort();
    const davLoc = (loc: string, root: string, maxBody: string) => `
    location ${loc} {
      alias ${root}/;
      dav_methods PUT DELETE MOVE;
      create_full_put_path on;
      dav_access user:rw group:r all:r;
      client_max_body_size ${maxBody};
      auth_basic "upload";
      auth_basic_user_file ${join(dir, 'htpasswd')};
    }`;
    const conf = `
${process.getuid?.() === 0 ? 'user root root;' : ''}
daemon off;
master_process on;
worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 128; }
http {
  access_log ${join(dir, 'access.log')};
  client_body_temp_path ${join(dir, 'tmp', 'body')};
  proxy_temp_path ${join(dir, 'tmp', 'proxy')};
  fastcgi_temp_path ${join(dir, 'tmp', 'fastcgi')};
  uwsgi_temp_path ${join(dir, 'tmp', 'uwsgi')};
  scgi_temp_path ${join(dir, 'tmp', 'scgi')};
  default_type application/octet-stream;
  types { application/xml xml; text/plain txt; }
  server {
    listen 127.0.0.1:${port} ssl;
    server_name localhost 127.0.0.1;
    ssl_certificate ${ca.serverCertPath};
    ssl_certificate_key ${ca.serverKeyPath};
    ${davLoc('/dav/', davDir, '1g')}
    ${davLoc('/small/', smallDir, '1k')}
    location /public/ { alias ${davDir}/; }
    location /readonly/ {
      alias ${davDir}/;
      dav_methods PUT DELETE MOVE;
      client_max_body_size 1g;
      limit_except GET { deny all; }
    }
    location /bearer/ {
      alias ${davDir}/;
      if ($http_authorization != "Bearer ${BEARER_TOKEN}") { return 401; }
      dav_methods PUT DELETE MOVE;
      create_full_put_path on;
      client_max_body_size 1g;
    }
    location /broken/ { client_max_body_size 1g; return 503; }
    location /protected/ {
      alias ${davDir}/;
      auth_basic "download";
      auth_basic_user_file ${join(dir, 'htpasswd')};
    }
    ${opts.extraDir ? `location /extra/ { alias ${opts.extraDir}/; }` : ''}
  }
}
`;
    const confPath = join(dir, 'nginx.conf');
    writeFileSync(confPath, conf);
    const proc = spawn('/usr/sbin/nginx', ['-p', dir, '-c', confPath, '-e', join(dir, 'error.log')], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let exited = false;
    proc.on('exit', () => { exited = true; });
    await waitFor(async () => exited || (await httpsUp(port, ca.caCert)), 10_000, 'nginx to listen');
    if (!exited) {
      child = proc;
      break;
    }
    const log = existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8') : '';
    if (!/Address already in use/i.test(log)) throw new Error(`nginx failed to start: ${log}`);
  }
  if (!child) throw new Error('nginx: no free port after 5 attempts');
  const running = child;
  const origin = `https://127.0.0.1:${port}`;
  return {
    port,
    origin,
    ca,
    user,
    password,
    davDir,
    davUrl: `${origin}/dav/`,
    publicUrl: `${origin}/public/`,
    protectedUrl: `${origin}/protected/`,
    smallUrl: `${origin}/small/`,
    readonlyUrl: `${origin}/readonly/`,
    brokenUrl: `${origin}/broken/`,
    bearerUrl: `${origin}/bearer/`,
    extraUrl: opts.extraDir ? `${origin}/extra/` : null,
    files(sub = '') {
      const p = join(davDir, sub);
      if (!existsSync(p)) return [];
      return run('ls', ['-1A', p]).split('\n').filter(Boolean);
    },
    async stop() {
      if (running.exitCode === null) {
        await new Promise<void>((resolve) => {
          running.once('exit', () => resolve());
          running.kill('SIGQUIT');
        });
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function httpsUp(port: number, ca: string): Promise<boolean> {
  const https = await import('node:https');
  return new Promise((resolve) => {
    const req = https.request({ host: '127.0.0.1', port, path: '/public/', method: 'GET', ca, timeout: 1000 }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => { req.destroy(); resolve(false); });
    req.end();
  });
}
