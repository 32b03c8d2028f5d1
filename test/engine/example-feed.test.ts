import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { xmlTree } from '../storage/xml-tree';
import { cli, FIXTURES, tempDirs } from './helpers';

const newDir = tempDirs();

describe('the seed feed reproduced from a spreadsheet', () => {
  it('builds a feed equivalent element by element to MiniCRM example-feed.xml from a CSV and a profile', async () => {
    const dir = newDir();
    const out = path.join(dir, 'feed.xml');
    const r = await cli('build', path.join(FIXTURES, 'example-feed.csv'), '--profile', path.join(FIXTURES, 'example-feed.profile.json'),
      '--out', out, '--full', '--db', path.join(dir, 'h.sqlite'));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const expected = xmlTree(fs.readFileSync(path.resolve(FIXTURES, '../example-feed.xml'), 'utf8'));
    const actual = xmlTree(fs.readFileSync(out, 'utf8'));
    expect(actual).toEqual(expected);
    expect(fs.readFileSync(out, 'utf8').startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  });
});
