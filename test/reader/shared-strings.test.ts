import { describe, expect, it } from 'vitest';
import { SharedStringTable, sharedStringHandler } from '../../electron/services/reader/xlsx-shared-strings';
import { XmlStream } from '../../electron/services/reader/xml-stream';

function readTable(chunks: Buffer[]): SharedStringTable {
  const table = new SharedStringTable();
  const xml = new XmlStream('t.xlsx', 'xl/sharedStrings.xml', sharedStringHandler(table, () => undefined));
  for (const c of chunks) xml.write(c);
  xml.end();
  return table;
}

const XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="6" uniqueCount="6">
<si><t>Őrség Kft.</t></si>
<si><r><rPr><b/><sz val="11"/></rPr><t xml:space="preserve">Kiss </t></r><r><t>Anna</t></r></si>
<si><t>A &amp; B &lt;1&gt; &#337;</t></si>
<si><t/></si>
<si><t>sor1_x000D_
sor2</t><rPh sb="0" eb="1"><t>ふりがな</t></rPh></si>
<si><t>0161</t></si>
</sst>`;

describe('shared-string table', () => {
  it('flattens rich text, decodes escapes and drops phonetic runs, whatever the chunking', async () => {
    for (const size of [1, 7, 64, 100_000]) {
      const bytes = Buffer.from(XML, 'utf8');
      const chunks: Buffer[] = [];
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
      const table = readTable(chunks);
      expect(table.count).toBe(6);
      expect([0, 1, 2, 3, 4, 5].map((i) => table.get(i))).toEqual(['Őrség Kft.', 'Kiss Anna', 'A & B <1> ő', '', 'sor1\nsor2', '0161']);
      expect(table.get(6)).toBeUndefined();
    }
  });

  it('grows past its first index block and buffer', () => {
    const t = new SharedStringTable();
    const long = 'ő'.repeat(20_000_000); // 40 MB of UTF-8: forces a second buffer
    for (let i = 0; i < 10_000; i++) t.add(`szöveg ${i}`);
    t.add(long);
    t.add('utolsó');
    expect(t.get(9_999)).toBe('szöveg 9999');
    expect(t.get(10_000)?.length).toBe(20_000_000);
    expect(t.get(10_001)).toBe('utolsó');
  });
});
