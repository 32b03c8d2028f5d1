/**
 * `--json` prints one JSON document on every fault, also where the document is streamed: validate
 * closes its issue list with the error instead of leaving half a document before another one.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../electron/cli/io';
import { runCli } from '../../electron/cli/run-cli';
import { PROFILE } from './journey-helpers';
import { tempDir } from './helpers';

async function cli(...argv: string[]): Promise<{ code: number; doc: Record<string, unknown>; err: string }> {
  const io = memoryIo({});
  const code = await runCli(argv, io);
  return { code, doc: JSON.parse(io.stdout.join('\n')) as Record<string, unknown>, err: io.stderr.join('\n') };
}

describe('--json on a fault', () => {
  it('validate of a file that cannot be read: its streamed document is closed with the error (exit 2)', async () => {
    const tmp = tempDir('minicrm-json-');
    try {
      const missing = join(tmp.dir, 'nincs-ilyen.csv');
      const r = await cli('validate', missing, '--profile', PROFILE, '--json');
      expect(r.code).toBe(2);
      expect(r.doc).toMatchObject({ issues: [], ok: false, exitCode: 2, error: { code: expect.any(String) as string } });
      expect((r.doc.error as { message: string }).message).toContain('nincs-ilyen.csv');
      expect(r.err).toMatch(/^Error: /);
    } finally {
      tmp.cleanup();
    }
  });
});
