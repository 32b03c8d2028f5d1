import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteOut } from '../../electron/services/feed/byte-out';
import { ProjectSerializer } from '../../electron/services/feed/feed-encoder';
import { packProjectBytes } from '../../electron/services/feed/project-encoding';
import { packProject, unpackProject } from '../../electron/services/delta/packed-project';
import { hashPacked, prepareProject } from '../../electron/services/delta/project-hash';
import { decodeStaged, encodeStaged } from '../../electron/services/delta/staged-codec';
import { ProjectOutput } from '../../electron/services/engine/project-output';
import { emptyProject, type FeedProject } from '../../shared/domain/project';
import { asUtf8, decodePacked, packedShape } from './packed-format';
import { projectArb } from './project-arb';
import { seedProject } from './seed-project';

/** What a full build's reading thread does: XML and packed values in one walk. */
function withXml(p: FeedProject): { xml: Buffer; packed: Buffer } {
  const xml = new ByteOut(8);
  const pack = new ByteOut(8);
  new ProjectSerializer().write(p, xml, pack);
  return { xml: xml.buf.subarray(0, xml.pos), packed: pack.buf.subarray(0, pack.pos) };
}

/** What a re-run or a preview does: the packed values alone. */
function alone(p: FeedProject): Buffer {
  const pack = new ByteOut(8);
  packProjectBytes(p, pack);
  return pack.buf.subarray(0, pack.pos);
}

/** Custom fields out of name order, a repeated name, empty values, entries and contacts, an emoji (two units). */
function edgeProject(): FeedProject {
  const p = emptyProject('Kód-1');
  p.fields = { Name: 'Árvíztűrő 😀', CategoryId: '' };
  p.custom = [['Zeta', 'z'], ['Alpha', ''], ['Mid', 'first'], ['Mid', 'second'], ['Alpha', 'a']];
  p.Business.fields = { Url: 'x', Swift: 'S' };
  p.Business.Emails = [{ Value: '', Type: 'home' }, { Value: 'a@b.hu', Default: '1' }];
  p.Business.Phones = [{ Value: '+36 1', Type: 'office' }];
  p.Business.Addresses = [{}, { City: 'Győr' }];
  p.Contacts = [{ fields: {}, Emails: [{ Value: '' }], Phones: [] }, { fields: { LastName: 'Kiss' }, Emails: [], Phones: [{ Value: '1' }] }];
  return p;
}

describe('the packed form (one encoder: feed/project-encoding.ts)', () => {
  it('packs to the strings stored so far (so stored hashes stay valid)', () => {
    expect(packProject(seedProject())).toBe(
      '[6:123456[32:Name of example opportunity card11:In progress16:Colleague’s name1:3][][12:Company name26:http://minicrm-test.local/'
      + '11:Description10:North West3:2682:1210:GB1234567814:6666-66-66666626:34255345-44325543-1548524523:34-45432345-342345345-2]'
      + '[[20:companyname@mc.local4:home1:0][26:Officecompanyname@mc.local6:office1:1]][[13:+4416149606546:office1:1][16:+44 161 496 00574:home1:0]]'
      + '[[4:01618:Budapest16:50 Thomas Street2:HQ][4:01614:Győr18:70 Phillips Street4:Shop]]'
      + '[[[10:First name9:Last name4:CEO;][[16:contact@mc.local0:0:]][[13:+4416149606540:0:][16:+44 161 496 00570:0:]]]'
      + '[[11:First name210:Last name29:Assistant][[41:OfficecontactB@mc.local,contactB@mc.local0:0:]][[33:+44 161 496 0003 +44 161 496 04800:0:]]]]]',
    );
    expect(packProject(edgeProject())).toBe(
      '[5:Kód-1[12:Árvíztűrő 😀0:0:0:][[5:Alpha1:a][3:Mid6:second][4:Zeta1:z]][0:1:x0:0:0:0:0:0:0:1:S][[6:a@b.hu0:1:1]][[5:+36 16:office0:]]'
      + '[[0:4:Győr0:0:]][[[0:4:Kiss0:][][[1:10:0:]]]]]',
    );
    expect(prepareProject(seedProject()).hash).toBe(hashPacked(packProject(seedProject())));
  });

  it('packs any project as the format says, the same bytes with and without the XML (the same XML too), and reads back', () => {
    fc.assert(fc.property(projectArb(true), (p) => {
      const both = withXml(p);
      const packed = alone(p);
      expect(Buffer.compare(both.packed, packed)).toBe(0);
      const xml = new ByteOut(8);
      new ProjectSerializer().write(p, xml);
      expect(Buffer.compare(both.xml, xml.buf.subarray(0, xml.pos))).toBe(0);
      const text = packProject(p);
      expect(Buffer.compare(Buffer.from(text, 'utf8'), packed)).toBe(0);
      // Lengths count UTF-16 units; a lone surrogate is packed as U+FFFD.
      expect(decodePacked(text)).toEqual(packedShape(asUtf8(p)));
      expect(packProject(unpackProject(text))).toBe(text);
      expect(hashPacked(packed)).toBe(prepareProject(p).hash);
    }), { numRuns: 1500 });
  });

  it('packs, hashes and stages a lone surrogate as U+FFFD on every path: full build, re-run, history, strings', () => {
    const p = emptyProject('L\uD800');
    p.fields.Name = 'a\uDC00';
    // 13 units and more: ByteOut's native path.
    p.Business.fields.Description = `${'long value '.repeat(2)}\uD83D`;
    p.custom = [['Note', '\uDFFFx']];
    p.Business.Emails = [{ Value: 'e@x.hu', Type: 'h\uD800' }];
    const text = packProject(p);
    expect(text).toBe(packProject(asUtf8(p)));
    expect(unpackProject(text).fields.Name).toBe('a\uFFFD');
    expect(decodePacked(text)[0]).toBe('L\uFFFD');
    const bytes = Buffer.from(text, 'utf8');
    expect(Buffer.compare(withXml(p).packed, bytes)).toBe(0);
    expect(Buffer.compare(alone(p), bytes)).toBe(0);
    // The feed drops what XML cannot carry (and warns); the packed form keeps U+FFFD in its place.
    expect(withXml(p).xml.toString('utf8')).toContain('<Name>a</Name>');

    const staged = prepareProject(p);
    expect(staged).toEqual({ id: 'L\uD800', hash: hashPacked(bytes), packed: text });
    const history = encodeStaged([staged]);
    const stored = [{ id: 'L\uFFFD', hash: hashPacked(bytes), packed: text }];
    expect(decodeStaged(history)).toEqual(stored);
    for (const mode of ['full', 'changed'] as const) {
      const out = new ProjectOutput(mode, null);
      out.add([p]);
      const o = out.finish();
      expect(o.stagedCount).toBe(1);
      expect(Buffer.compare(Buffer.from(o.staged!), history), mode).toBe(0);
    }
  });
});
