import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './free-port';

export interface TestCa {
  dir: string;
  caCertPath: string;
  caCert: string;
  serverCertPath: string;
  serverKeyPath: string;
}

/**
 * A private CA and a server certificate for 127.0.0.1/localhost made with openssl, so the HTTPS
 * tests run with TLS verification on (the product never switches it off).
 */
export function makeTestCa(dir: string): TestCa {
  mkdirSync(dir, { recursive: true });
  const p = (n: string) => join(dir, n);
  run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=MiniCRM Test CA',
    '-keyout', p('ca.key'), '-out', p('ca.crt'),
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  run('openssl', ['req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-keyout', p('server.key'), '-out', p('server.csr')]);
  writeFileSync(p('server.ext'), [
    'basicConstraints=CA:FALSE',
    'keyUsage=digitalSignature,keyEncipherment',
    'extendedKeyUsage=serverAuth',
    'subjectAltName=IP:127.0.0.1,DNS:localhost',
    '',
  ].join('\n'));
  run('openssl', ['x509', '-req', '-in', p('server.csr'), '-CA', p('ca.crt'), '-CAkey', p('ca.key'), '-CAcreateserial',
    '-days', '2', '-extfile', p('server.ext'), '-out', p('server.crt')]);
  return {
    dir,
    caCertPath: p('ca.crt'),
    caCert: readFileSync(p('ca.crt'), 'utf8'),
    serverCertPath: p('server.crt'),
    serverKeyPath: p('server.key'),
  };
}
