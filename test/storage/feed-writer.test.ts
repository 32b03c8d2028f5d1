import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FeedWriter, feedFileName } from '../../electron/services/feed/feed-writer';
import { ProjectOutput } from '../../electron/services/engine/project-output';
import { parseFeedXml, readFeedFile } from '../../electron/services/feed/feed-reader';
import { emptyProject, type FeedProject } from '../../shared/domain/project';
import { UnusableInputError } from '../../shared/domain/errors';
import { seedProject } from './seed-project';
import { useTempDir } from './temp-dir';
import { xmlTree } from './xml-tree';

const SEED = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/example-feed.xml'), 'utf8');

async function writeFeed(file: string, projects: FeedProject[]): Promise<Awaited<ReturnType<FeedWriter['commit']>>> {
  const w = await FeedWriter.open(file);
  for (const p of projects) await w.write(p);
  return w.commit();
}

describe('FeedWriter', () => {
  const tempDir = useTempDir();

  it('reproduces MiniCRM\'s example feed element by element, and byte for byte apart from the comment', async () => {
    const file = path.join(tempDir(), 'feed.xml');
    const result = await writeFeed(file, [seedProject()]);
    const written = fs.readFileSync(file, 'utf8');
    expect(xmlTree(written)).toEqual(xmlTree(SEED));
    const seedText = SEED.replace(/^<!--.*-->\n/m, '').replace('&#337;', 'ő');
    expect(written).toBe(seedText);
    expect(result).toMatchObject({ path: file, projects: 1, size: Buffer.byteLength(written), warnings: [] });
    expect(result.sha256).toBe(createHash('sha256').update(fs.readFileSync(file)).digest('hex'));
    expect(parseFeedXml(SEED)).toEqual([seedProject()]);
    expect(await readFeedFile(file)).toEqual([seedProject()]);
  });

  it('omits empty fields, empty entries and empty lists', async () => {
    const file = path.join(tempDir(), 'feed.xml');
    const p = emptyProject('7');
    p.fields.Name = 'Only name';
    p.fields.StatusId = '';
    p.custom.push(['Enum1221', 'Gold'], ['Note', '']);
    p.Business.Emails.push({ Value: '' });
    p.Contacts.push({ fields: {}, Emails: [], Phones: [] }, { fields: { LastName: 'Kiss' }, Emails: [], Phones: [{ Value: '+36 1 234 5678', Default: '1' }] });
    await writeFeed(file, [p]);
    expect(fs.readFileSync(file, 'utf8')).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<Projects>\n    <Project Id="7">\n        <Name>Only name</Name>\n'
      + '        <Enum1221>Gold</Enum1221>\n        <Contacts>\n            <Contact>\n                <LastName>Kiss</LastName>\n'
      + '                <Phones>\n                    <Phone><Value>+36 1 234 5678</Value><Default>1</Default></Phone>\n'
      + '                </Phones>\n            </Contact>\n        </Contacts>\n    </Project>\n</Projects>\n',
    );
  });

  it('writes an empty but well-formed feed when there is nothing to send', async () => {
    const file = path.join(tempDir(), 'feed.xml');
    const r = await writeFeed(file, []);
    expect(fs.readFileSync(file, 'utf8')).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<Projects/>\n');
    expect(r.projects).toBe(0);
    expect(xmlTree(fs.readFileSync(file, 'utf8'))).toEqual({ name: 'Projects', attrs: {}, text: '', children: [] });
    expect(await readFeedFile(file)).toEqual([]);
  });

  it('escapes markup characters and keeps CR, tab and newline exactly', async () => {
    const file = path.join(tempDir(), 'feed.xml');
    const p = emptyProject('a"b\'c<d>&e\tf\ng\r');
    p.fields.Name = `Tom & Jerry's <"best"> ]]> x\r\ny\tz`;
    p.custom.push(['Note', '&amp; is literal']);
    const r = await writeFeed(file, [p]);
    const xml = fs.readFileSync(file, 'utf8');
    expect(xml).toContain('<Name>Tom &amp; Jerry&apos;s &lt;&quot;best&quot;&gt; ]]&gt; x&#13;\ny\tz</Name>');
    expect(xml).toContain('Id="a&quot;b&apos;c&lt;d&gt;&amp;e&#9;f&#10;g&#13;"');
    expect(r.warnings).toEqual([]);
    const tree = xmlTree(xml);
    expect(tree.children[0]!.attrs.Id).toBe(p.Id);
    expect(tree.children[0]!.children[0]!.text).toBe(p.fields.Name);
    expect(await readFeedFile(file)).toEqual([p]);
  });

  it('removes characters XML 1.0 forbids and reports each field as a warning', async () => {
    const file = path.join(tempDir(), 'feed.xml');
    const p = emptyProject('id\u0001');
    p.fields.Name = 'bell\u0007 and lone \uD800 surrogate, ok pair \uD83D\uDE00 and \uFFFF';
    p.Contacts.push({ fields: { LastName: 'x\u001F' }, Emails: [], Phones: [] });
    const r = await writeFeed(file, [p]);
    const xml = fs.readFileSync(file, 'utf8');
    expect(xml).toContain('<Name>bell and lone  surrogate, ok pair \uD83D\uDE00 and </Name>');
    expect(r.warningCount).toBe(3);
    expect(r.warnings.map((w) => [w.field, w.code, w.severity])).toEqual([
      ['Id', 'forbidden-characters', 'warning'], ['Name', 'forbidden-characters', 'warning'], ['Contacts[0].LastName', 'forbidden-characters', 'warning'],
    ]);
    expect(r.warnings[0]!.params).toEqual({ projectId: 'id\u0001', field: 'Id' });
    expect((await readFeedFile(file))[0]!.Id).toBe('id');
  });

  it('rejects custom field names that are not XML names, before writing anything of that project', async () => {
    const w = await FeedWriter.open(path.join(tempDir(), 'feed.xml'));
    for (const bad of ['1abc', 'a b', 'x<y', 'xmlThing', 'Business', 'ns:x', '']) {
      const p = emptyProject('1');
      p.custom.push([bad, 'v']);
      expect(() => w.write(p), bad).toThrow(UnusableInputError);
    }
    expect(w.projects).toBe(0);
    const ok = emptyProject('1');
    ok.custom.push(['Enum_12.a-b', 'v'], ['Mező', 'v']);
    await w.write(ok);
    const r = await w.commit();
    expect((await readFeedFile(r.path))[0]!.custom).toEqual(ok.custom);
  });

  it('writes to a temp file and renames only on commit; abort leaves nothing', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'out', 'feed.xml');
    const w = await FeedWriter.open(file);
    await w.write(seedProject());
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.readdirSync(path.dirname(file))).toEqual([path.basename(w.tempPath)]);
    expect(w.tempPath).toMatch(/feed\.xml\.part-[0-9a-f]{12}$/);
    await w.abort();
    await w.abort();
    expect(fs.readdirSync(path.dirname(file))).toEqual([]);
    expect(() => w.write(seedProject())).toThrow(/aborted/);

    const w2 = await FeedWriter.open(file);
    await w2.write(seedProject());
    await w2.commit();
    expect(fs.readdirSync(path.dirname(file))).toEqual(['feed.xml']);
  });

  it('a failed commit (final name not writable) rejects and leaves no temp file', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'feed.xml');
    fs.mkdirSync(path.join(file, 'blocker'), { recursive: true });
    const w = await FeedWriter.open(file);
    await w.write(seedProject());
    await expect(w.commit()).rejects.toThrow();
    expect(fs.readdirSync(dir)).toEqual(['feed.xml']);
    expect(fs.statSync(file).isDirectory()).toBe(true);
  });

  it('streams many projects in chunks with backpressure and the right hash (through the page cache)', async () => {
    const file = path.join(tempDir(), 'feed.xml');
    // Writes past the page cache wait only once 16 MiB are queued: feed-file.test.ts covers those.
    const w = await FeedWriter.open(file, { chunkBytes: 4096, direct: false });
    expect(w.direct).toBe(false);
    let waited = 0;
    for (let i = 0; i < 5000; i++) {
      const p = seedProject();
      p.Id = String(i);
      const pending = w.write(p);
      if (pending) {
        waited++;
        await pending;
      }
    }
    const r = await w.commit();
    expect(waited).toBeGreaterThan(0);
    expect(r.projects).toBe(5000);
    expect(r.size).toBe(fs.statSync(file).size);
    expect(r.sha256).toBe(createHash('sha256').update(fs.readFileSync(file)).digest('hex'));
    const back = await readFeedFile(file);
    expect(back).toHaveLength(5000);
    expect(back[4999]).toEqual({ ...seedProject(), Id: '4999' });
  });

  it('writes batches encoded on reading threads (ProjectOutput) in order, with the right hash', async () => {
    const file = path.join(tempDir(), 'encoded.xml');
    const w = await FeedWriter.open(file);
    for (let b = 0; b < 3; b++) {
      const out = new ProjectOutput('full', null);
      out.add(Array.from({ length: 200 }, (_v, i) => ({ ...seedProject(), Id: `${b}-${i}` })));
      const o = out.finish();
      await w.writeEncoded({ bytes: o.xml!, projects: o.written, warnings: o.warnings, warningCount: o.warningCount });
    }
    const r = await w.commit();
    const back = await readFeedFile(file);
    expect(back.map((p) => p.Id)).toEqual([0, 1, 2].flatMap((b) => Array.from({ length: 200 }, (_, i) => `${b}-${i}`)));
    expect(back[599]).toEqual({ ...seedProject(), Id: '2-199' });
    expect(r.projects).toBe(600);
    expect(r.sha256).toBe(createHash('sha256').update(fs.readFileSync(file)).digest('hex'));
  });

  it('names feeds uniquely per run', () => {
    expect(feedFileName(new Date('2026-11-27T10:15:03.456Z'), 42)).toBe('minicrm-feed-2026-11-27T10-15-03Z-run42.xml');
  });
});
