import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSource } from '../../electron/services/reader';
import { xlsx } from '../../electron/services/reader/sheetjs';
import { pollutionParts } from '../fixtures/reader/make-hostile';
import { zipParts } from '../fixtures/reader/zip-parts';

/**
 * CVE-2023-30533: SheetJS before 0.19.3 pollutes Object.prototype when it reads an XLSX comment
 * on cell `__proto__`; the crafted file carries an ODS mimetype so that a reader trusting the
 * mimetype hands it to SheetJS. With xlsx 0.18.5 reading it sets `({}).c`.
 */
let dir = '';
let file = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'reader-pollution-'));
  file = join(dir, 'prototype-pollution.ods');
  await writeFile(file, zipParts(pollutionParts()));
});
afterAll(async () => {
  delete (Object.prototype as Record<string, unknown>).c;
  await rm(dir, { recursive: true, force: true });
});

describe('the crafted prototype-pollution workbook', () => {
  it('is refused by the app in one sentence and leaves Object.prototype alone', async () => {
    await expect(openSource(file)).rejects.toMatchObject({ code: 'corrupt-workbook' });
    expect(({} as Record<string, unknown>).c).toBeUndefined();
  });

  it('no longer pollutes through the SheetJS build the app ships, even in sparse mode', async () => {
    xlsx().read(await readFile(file), { type: 'buffer', dense: false });
    expect(({} as Record<string, unknown>).c).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(xlsx().version).toBe('0.20.3');
  });
});
