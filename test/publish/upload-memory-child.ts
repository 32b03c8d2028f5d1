/**
 * Child of direct-upload.test.ts (bundled with esbuild, run with plain node): sends one feed with
 * the direct upload and prints its own peak memory, so the test sees what a 300 MB upload costs.
 * Usage: node upload-memory-child.mjs <base URL> <feed>
 */
import { statSync } from 'node:fs';
import { uploadToMinicrm } from '../../electron/services/publish/direct-upload';
import { MemorySecretStore } from '../../electron/services/publish/secret-store';
import { silentJobContext } from '../../shared/domain/job';

const [base, feed] = process.argv.slice(2) as [string, string];
const size = statSync(feed).size;
const answer = await uploadToMinicrm(
  { systemId: '1', apiBaseUrl: base, upload: { kind: 'minicrm' }, publicUrl: '', downloadUser: null },
  new MemorySecretStore({ 'minicrm.apiKey': 'k' }), feed, size, silentJobContext(),
);
process.stdout.write(`${JSON.stringify({ ok: answer.ok, bytes: size, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
