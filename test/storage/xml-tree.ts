import { create } from 'xmlbuilder2';

/** An element as a plain tree: comments dropped, indentation between elements dropped, leaf text kept exactly. */
export interface XmlTree {
  name: string;
  attrs: Record<string, string>;
  text?: string;
  children: XmlTree[];
}

function toTree(el: Element): XmlTree {
  const attrs: Record<string, string> = {};
  for (const a of Array.from(el.attributes)) attrs[a.name] = a.value;
  const children: XmlTree[] = [];
  let text = '';
  for (const n of Array.from(el.childNodes)) {
    if (n.nodeType === 1) children.push(toTree(n as Element));
    else if (n.nodeType === 3 || n.nodeType === 4) text += n.textContent ?? '';
  }
  if (children.length > 0) {
    if (text.trim() !== '') throw new Error(`mixed content in <${el.nodeName}>`);
    return { name: el.nodeName, attrs, children };
  }
  return { name: el.nodeName, attrs, text, children };
}

/** Parses with xmlbuilder2 (independent of the app's saxes-based reader). */
export function xmlTree(xml: string): XmlTree {
  const doc = create({ parser: undefined, skipWhitespaceOnlyText: false }, xml);
  return toTree(doc.root().node as unknown as Element);
}
