import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, run, waitFor } from './free-port';
import { connect } from 'node:net';

export const SFTP_TEST_USER = 'minicrmtest';
export const SFTP_TEST_PASSWORD = 'Mcrm-test-pw-7';

export interface SshdServer {
  port: number;
  user: string;
  password: string;
  /** OpenSSH private key (no passphrase) and one with a passphrase, both authorised. */
  keyPath: string;
  privateKey: string;
  encryptedKey: string;
  keyPassphrase: string;
  /** A key that is NOT authorised. */
  wrongKey: string;
  /** SHA256:… fingerprint of the server's host key, as `ssh-keygen -lf` prints it. */
  hostFingerprint: string;
  /** Absolute folder the test user can write to, unique to this server instance. */
  root: string;
  stop(): Promise<void>;
  /** Replace the host key (simulates a re-installed or impostor server) and restart. */
  rotateHostKey(): Promise<void>;
}

/**
 * The test user must be a real system user because sshd's password auth goes through PAM.
 * Idempotent and serialised with flock: parallel test files would otherwise race on /etc/shadow.
 * The password is only rewritten (as SHA-512, which openssl can verify) when it does not match.
 */
const ENSURE_USER = `
set -e
id -u "$U" >/dev/null 2>&1 || useradd -M -s /usr/sbin/nologin "$U"
cur=$(getent shadow "$U" | cut -d: -f2)
salt=$(printf '%s' "$cur" | cut -d'$' -f3)
want=$(openssl passwd -6 -salt "$salt" "$PW")
[ "$cur" = "$want" ] || printf '%s:%s\n' "$U" "$PW" | chpasswd -c SHA512
`;

function ensureUser(): void {
  const res = spawnSync('flock', ['/tmp/minicrm-sftp-test-user.lock', 'sh', '-c', ENSURE_USER], {
    env: { ...process.env, U: SFTP_TEST_USER, PW: SFTP_TEST_PASSWORD }, encoding: 'utf8',
  });
  if (res.status !== 0) throw new Error(`Could not prepare the SFTP test user (needs root): ${res.stderr}`);
}

function uidGid(): { uid: number; gid: number } {
  const uid = Number(run('id', ['-u', SFTP_TEST_USER]).trim());
  const gid = Number(run('id', ['-g', SFTP_TEST_USER]).trim());
  return { uid, gid };
}

export async function startSshd(): Promise<SshdServer> {
  ensureUser();
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const dir = mkdtempSync(join(tmpdir(), 'minicrm-sshd-'));
  chmodSync(dir, 0o755);
  const { uid, gid } = uidGid();
  // Uploads go to a world-readable folder so the nginx of the same test can serve them publicly.
  const root = join(dir, 'home');
  mkdirSync(root, { mode: 0o755 });
  chownSync(root, uid, gid);

  const hostKey = join(dir, 'host_ed25519');
  run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', hostKey]);
  const keyPath = join(dir, 'user_key');
  run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', keyPath]);
  const encKeyPath = join(dir, 'user_key_enc');
  const keyPassphrase = 'key-pass-phrase-1';
  run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', keyPassphrase, '-f', encKeyPath]);
  const wrongKeyPath = join(dir, 'wrong_key');
  run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', wrongKeyPath]);
  const authorized = join(dir, 'authorized_keys');
  writeFileSync(authorized, readFileSync(`${keyPath}.pub`, 'utf8') + readFileSync(`${encKeyPath}.pub`, 'utf8'));
  chmodSync(authorized, 0o644);

  let port = 0;
  let child: ChildProcess | null = null;
  const start = async (): Promise<void> => {
    for (let attempt = 0; attempt < 5; attempt++) {
      // A restart (rotateHostKey) keeps the port so saved settings stay valid.
      port = attempt === 0 && port !== 0 ? port : await freePort();
      const cfg = join(dir, 'sshd_config');
      writeFileSync(cfg, [
        `Port ${port}`,
        'ListenAddress 127.0.0.1',
        `HostKey ${hostKey}`,
        `PidFile ${join(dir, 'sshd.pid')}`,
        `AuthorizedKeysFile ${authorized}`,
        // The temp dir lives under world-writable /tmp, which StrictModes would reject.
        'StrictModes no',
        'UsePAM yes',
        'PasswordAuthentication yes',
        'KbdInteractiveAuthentication no',
        'PubkeyAuthentication yes',
        'PermitRootLogin no',
        `AllowUsers ${SFTP_TEST_USER}`,
        'Subsystem sftp internal-sftp',
        'LogLevel ERROR',
        '',
      ].join('\n'));
      const proc = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', cfg], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      let exited = false;
      proc.stderr?.on('data', (d: Buffer) => { stderr += d.toString(); });
      proc.on('exit', () => { exited = true; });
      try {
        await waitFor(async () => exited || (await canConnect(port)), 10_000, 'sshd to listen');
      } catch (e) {
        proc.kill('SIGKILL');
        throw e;
      }
      if (!exited) {
        child = proc;
        return;
      }
      if (!/Address already in use/i.test(stderr)) throw new Error(`sshd failed to start: ${stderr}`);
    }
    throw new Error('sshd: no free port after 5 attempts');
  };
  const stopChild = async (): Promise<void> => {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill('SIGTERM');
    });
  };
  await start();

  const fingerprint = (): string => {
    const out = run('ssh-keygen', ['-lf', `${hostKey}.pub`, '-E', 'sha256']);
    return out.split(/\s+/)[1] ?? '';
  };
  const server: SshdServer = {
    get port() { return port; },
    user: SFTP_TEST_USER,
    password: SFTP_TEST_PASSWORD,
    keyPath,
    privateKey: readFileSync(keyPath, 'utf8'),
    encryptedKey: readFileSync(encKeyPath, 'utf8'),
    keyPassphrase,
    wrongKey: readFileSync(wrongKeyPath, 'utf8'),
    hostFingerprint: fingerprint(),
    root,
    async stop() {
      await stopChild();
      rmSync(dir, { recursive: true, force: true });
    },
    async rotateHostKey() {
      await stopChild();
      rmSync(hostKey, { force: true });
      rmSync(`${hostKey}.pub`, { force: true });
      run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', hostKey]);
      server.hostFingerprint = fingerprint();
      await start();
    },
  } as SshdServer;
  return server;
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => resolve(false));
  });
}

export function sshdAvailable(): boolean {
  return existsSync('/usr/sbin/sshd');
}
