import { describe, expect, it } from 'vitest';
import { FeedFormatError, parseFeedXml } from '../../electron/services/feed/feed-reader';

const wrap = (inner: string): string => `<?xml version="1.0" encoding="UTF-8"?>\n<Projects>\n${inner}\n</Projects>`;

describe('feed reader (strict)', () => {
  it('reads custom fields, CDATA and entities; accepts <Projects></Projects>', () => {
    const [p] = parseFeedXml(wrap('<Project Id="a&amp;b"><Name><![CDATA[<x>]]> &lt;y&gt;</Name><Enum1221>Gold</Enum1221></Project>'));
    expect(p).toMatchObject({ Id: 'a&b', fields: { Name: '<x> <y>' }, custom: [['Enum1221', 'Gold']] });
    expect(parseFeedXml('<Projects></Projects>')).toEqual([]);
  });

  it.each([
    ['not well-formed', wrap('<Project Id="1"><Name>x</Project>'), /not well-formed/],
    ['truncated', '<Projects><Project Id="1"><Name>x</Name>', /not well-formed/],
    ['forbidden character', wrap('<Project Id="1"><Name>\u0001</Name></Project>'), /not well-formed/],
    ['wrong root', '<Feed/>', /root element is <Feed>/],
    ['no root', '<?xml version="1.0"?>', /not well-formed|no <Projects>/],
    ['missing Id', wrap('<Project><Name>x</Name></Project>'), /without an Id/],
    ['unknown Business child', wrap('<Project Id="1"><Business><Color>x</Color></Business></Project>'), /unexpected <Color> in <Business>/],
    ['nested value', wrap('<Project Id="1"><Name><b>x</b></Name></Project>'), /inside the value element <Name>/],
    ['text in a container', wrap('<Project Id="1">loose</Project>'), /unexpected text "loose"/],
    ['bad Default', wrap('<Project Id="1"><Business><Emails><Email><Value>a@b.c</Value><Default>yes</Default></Email></Emails></Business></Project>'), /Default> must be 0 or 1/],
    ['Phone in Emails', wrap('<Project Id="1"><Business><Emails><Phone><Value>1</Value></Phone></Emails></Business></Project>'), /unexpected <Phone> in <Emails>/],
  ])('rejects %s', (_name, xml, message) => {
    expect(() => parseFeedXml(xml)).toThrow(FeedFormatError);
    expect(() => parseFeedXml(xml)).toThrow(message);
  });
});
