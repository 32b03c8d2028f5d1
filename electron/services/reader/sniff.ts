import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { UnusableInputError } from '../../../shared/domain/errors';
import { ZipArchive, type ZipPart } from './zip-archive';
import { findOfficePackage } from './ooxml-package';
import { cfb } from './sheetjs';
import { damaged, overLimit } from './workbook-limits';
import { attr, parseXmlPart } from './xml-stream';

/**
 * What the bytes say the file is, whatever its extension claims. A ZIP is opened once here and
 * handed on open (the workbook reader closes it); an OOXML package is told apart by following its
 * relationships to the main part, an ODF one by its declared media type.
 */
export type SniffedKind =
  | { kind: 'csv'; head: Buffer }
  | { kind: 'xlsx' | 'xlsb'; zip: ZipArchive; main: ZipPart }
  | { kind: 'ods'; zip: ZipArchive }
  | { kind: 'xls' }
  | { kind: 'markup' };

export const HEAD_BYTES = 256 * 1024;

const notSpreadsheet = (fileName: string, what: string): UnusableInputError =>
  new UnusableInputError('not-a-spreadsheet', `${fileName} is not a spreadsheet (${what}); export it as XLSX, XLS, ODS or CSV.`,
    { file: fileName });

const startsWith = (buf: Buffer, bytes: readonly number[]): boolean => bytes.every((b, i) => buf[i] === b);

const BINARY_MAGIC: ReadonlyArray<[readonly number[], string]> = [
  [[0x25, 0x50, 0x44, 0x46], 'it is a PDF document'],
  [[0x89, 0x50, 0x4e, 0x47], 'it is a PNG image'],
  [[0xff, 0xd8, 0xff], 'it is a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'it is a GIF image'],
  [[0x1f, 0x8b], 'it is a gzip archive'],
  [[0x52, 0x61, 0x72, 0x21], 'it is a RAR archive'],
  [[0x37, 0x7a, 0xbc, 0xaf], 'it is a 7-Zip archive'],
];

/** XLS and HTML/XML "Excel" files are read whole into memory (SheetJS): past this size they are not read. */
const IN_MEMORY_BYTES = 256 * 1024 * 1024;

export async function sniffFile(path: string): Promise<{ size: number; fileName: string; sniffed: SniffedKind }> {
  const fileName = basename(path);
  let size: number;
  try {
    const st = await stat(path);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
  } catch {
    throw new UnusableInputError('file-not-found', `File not found: ${path}`, { file: path });
  }
  if (size === 0) throw new UnusableInputError('empty-file', `${fileName} is empty.`, { file: fileName });
  const fh = await open(path, 'r');
  const head = Buffer.alloc(Math.min(size, HEAD_BYTES));
  try {
    await fh.read(head, 0, head.length, 0);
  } finally {
    await fh.close();
  }
  return { size, fileName, sniffed: await classify(path, fileName, size, head) };
}

async function classify(path: string, fileName: string, size: number, head: Buffer): Promise<SniffedKind> {
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return classifyZip(path, fileName, size);
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return classifyCfb(path, fileName, size);
  for (const [magic, what] of BINARY_MAGIC) if (startsWith(head, magic)) throw notSpreadsheet(fileName, what);
  const utf16 = startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff]);
  if (!utf16 && head.includes(0)) throw notSpreadsheet(fileName, 'it holds binary data');
  if (!utf16 && /^\s*</.test(head.toString('latin1', 0, 512).replace(/^\uFEFF|^\xEF\xBB\xBF/, ''))) {
    const start = head.toString('latin1', 0, 4096).toLowerCase();
    if (start.includes('<table') || start.includes('<html') || start.includes('urn:schemas-microsoft-com:office:spreadsheet')
      || start.includes('office:document')) {
      if (size > IN_MEMORY_BYTES) throw tooBigInMemory(fileName);
      return { kind: 'markup' };
    }
  }
  return { kind: 'csv', head };
}

const tooBigInMemory = (fileName: string): UnusableInputError =>
  overLimit(fileName, `it is larger than ${IN_MEMORY_BYTES / 1024 / 1024} MB, more than this kind of file is read in one piece; save it as XLSX`);

async function classifyZip(path: string, fileName: string, size: number): Promise<SniffedKind> {
  const zip = await ZipArchive.open(path, fileName, size);
  try {
    const odf = await odfMediaType(zip);
    if (odf !== null) {
      if (odf.includes('opendocument.spreadsheet')) return { kind: 'ods', zip };
      throw notSpreadsheet(fileName, odf.includes('opendocument.text') ? 'it is an OpenDocument text document' : 'it is an OpenDocument file without a spreadsheet');
    }
    const pkg = await findOfficePackage(zip);
    if ((pkg.kind === 'xlsx' || pkg.kind === 'xlsb') && pkg.main) return { kind: pkg.kind, zip, main: pkg.main };
    if (pkg.kind === 'word') throw notSpreadsheet(fileName, 'it is a Word document');
    if (pkg.kind === 'presentation') throw notSpreadsheet(fileName, 'it is a PowerPoint presentation');
    throw notSpreadsheet(fileName, 'it is a ZIP archive');
  } catch (e) {
    zip.close();
    throw e;
  }
}

const MANIFEST_NS = 'urn:oasis:names:tc:opendocument:xmlns:manifest:1.0';

/** The ODF media type: the `mimetype` part, or the manifest's entry for the package root. */
async function odfMediaType(zip: ZipArchive): Promise<string | null> {
  const mime = zip.find('mimetype');
  if (mime) {
    const t = (await zip.text(mime, 200)).trim();
    if (t.startsWith('application/vnd.oasis.opendocument')) return t;
  }
  const manifest = zip.find('META-INF/manifest.xml');
  if (!manifest) return null;
  let type: string | null = null;
  await parseXmlPart(zip, manifest, {
    open(tag) {
      if (tag.local !== 'file-entry' || tag.uri !== MANIFEST_NS || attr(tag, 'full-path', MANIFEST_NS) !== '/') return;
      const t = attr(tag, 'media-type', MANIFEST_NS) ?? '';
      if (t.startsWith('application/vnd.oasis.opendocument')) type = t;
    },
  }, () => type !== null);
  return type;
}

/** OLE2 containers are XLS workbooks, but also password-protected XLSX files and Word/Outlook files. */
async function classifyCfb(path: string, fileName: string, size: number): Promise<SniffedKind> {
  if (size > IN_MEMORY_BYTES) throw tooBigInMemory(fileName);
  const fh = await open(path, 'r');
  let buf: Buffer;
  try {
    buf = await fh.readFile();
  } finally {
    await fh.close();
  }
  let names: string[];
  try {
    names = cfb().read(buf, { type: 'buffer' }).FileIndex.map((e) => e.name.toLowerCase());
  } catch {
    throw damaged(fileName, 'its Office container is broken');
  }
  if (names.includes('encryptioninfo') && names.includes('encryptedpackage')) {
    throw new UnusableInputError('password-protected',
      `${fileName} is password-protected; open it in Excel, remove the password (File > Info > Protect Workbook) and save it again.`,
      { file: fileName });
  }
  // Stream names compare without case: some writers spell it `WORKBOOK`.
  if (names.includes('workbook') || names.includes('book')) return { kind: 'xls' };
  throw notSpreadsheet(fileName, names.includes('worddocument') ? 'it is a Word document' : 'it is an Office file without a workbook');
}

