import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { UnusableInputError } from '../../../shared/domain/errors';
import { readZipDirectory, readZipText, type ZipEntry } from './zip-directory';
import { cfb } from './sheetjs';

/** What the bytes say the file is, whatever its extension claims. */
export type SniffedKind =
  | { kind: 'csv'; head: Buffer }
  | { kind: 'xlsx'; zip: Map<string, ZipEntry> }
  | { kind: 'ods' }
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
  return { size, fileName, sniffed: await classify(path, fileName, head) };
}

async function classify(path: string, fileName: string, head: Buffer): Promise<SniffedKind> {
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) {
    const zip = await readZipDirectory(path, fileName);
    if (zip.has('xl/workbook.xml')) return { kind: 'xlsx', zip };
    const mime = zip.get('mimetype');
    if (mime && (await readZipText(path, mime, fileName, 200)).includes('opendocument.spreadsheet')) return { kind: 'ods' };
    if (zip.has('word/document.xml')) throw notSpreadsheet(fileName, 'it is a Word document');
    throw notSpreadsheet(fileName, 'it is a ZIP archive');
  }
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return classifyCfb(path, fileName);
  for (const [magic, what] of BINARY_MAGIC) if (startsWith(head, magic)) throw notSpreadsheet(fileName, what);
  const utf16 = startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff]);
  if (!utf16 && head.includes(0)) throw notSpreadsheet(fileName, 'it holds binary data');
  if (!utf16 && /^\s*</.test(head.toString('latin1', 0, 512).replace(/^\uFEFF|^\xEF\xBB\xBF/, ''))) {
    const start = head.toString('latin1', 0, 4096).toLowerCase();
    if (start.includes('<table') || start.includes('<html') || start.includes('urn:schemas-microsoft-com:office:spreadsheet')
      || start.includes('office:document')) return { kind: 'markup' };
  }
  return { kind: 'csv', head };
}

/** OLE2 containers are XLS workbooks, but also password-protected XLSX files and Word/Outlook files. */
async function classifyCfb(path: string, fileName: string): Promise<SniffedKind> {
  const fh = await open(path, 'r');
  let buf: Buffer;
  try {
    buf = await fh.readFile();
  } finally {
    await fh.close();
  }
  let names: string[];
  try {
    names = cfb().read(buf, { type: 'buffer' }).FileIndex.map((e) => e.name);
  } catch {
    throw new UnusableInputError('corrupt-workbook', `${fileName} is damaged or incomplete; save or download it again.`,
      { file: fileName });
  }
  if (names.includes('EncryptionInfo') && names.includes('EncryptedPackage')) {
    throw new UnusableInputError('password-protected',
      `${fileName} is password-protected; open it in Excel, remove the password (File > Info > Protect Workbook) and save it again.`,
      { file: fileName });
  }
  if (names.includes('Workbook') || names.includes('Book')) return { kind: 'xls' };
  throw notSpreadsheet(fileName, names.includes('WordDocument') ? 'it is a Word document' : 'it is an Office file without a workbook');
}
