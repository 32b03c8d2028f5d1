import { createServer } from 'node:net';
import { spawnSync } from 'node:child_process';

/**
 * A currently free loopback port. External daemons (sshd, nginx) cannot listen on port 0 and tell
 * us, so we ask the kernel for one and hand it over; the starters retry if another process wins the race.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Run a command synchronously, throwing with its stderr when it fails (setup steps only). */
export function run(cmd: string, args: readonly string[], input?: string): string {
  const res = spawnSync(cmd, args, { input, encoding: 'utf8' });
  if (res.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${res.status ?? res.signal}): ${res.stderr || res.stdout}`);
  }
  return res.stdout;
}

export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
