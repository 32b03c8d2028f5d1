import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { request as httpRequest } from 'node:http';
import type { Socket } from 'node:net';
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser } from 'saxes';
import { companyView, projectView, searchEntry, storeLikeMinicrm } from './minicrm-r3';

export type StandinFault =
  | { kind: '429'; retryAfter?: number }
  | { kind: '500'; body?: string }
  | { kind: 'slow'; ms: number }
  | { kind: 'drop' };

export interface StandinOptions {
  systemId: string;
  apiKey: string;
  /** CA certificate(s) the stand-in trusts when it downloads the feed (the test nginx's CA). */
  ca?: string;
  categories?: Record<string, string>;
  schemas?: Record<string, unknown>;
  /** For feeds of a million cards: only the Projects this accepts are remembered (every one is still parsed strictly and counted). */
  remember?: (id: string) => boolean;
  /** Called when a feed starts to arrive (a test measuring the app's own memory stops there). */
  onFeed?: () => void;
}

/** A flattened project as the stand-in remembers it: `Business.Emails.Email[1].Value` -> value. */
export type StoredProject = Record<string, string>;

export interface MinicrmStandin {
  baseUrl: string;
  /** Projects MiniCRM "holds", by Project Id (merged over syncs like MiniCRM updates cards). */
  projects: Map<string, StoredProject>;
  /** Project Ids of each successfully processed feed, in order (only remembered ones, with `remember`). */
  syncs: string[][];
  /** How many Projects each successfully processed feed held. */
  feedSizes: number[];
  /** Every SyncFeed request received (also the refused ones). */
  syncRequests: Array<{ source: string; status: number }>;
  references: Map<string, number | string>;
  referenceBatches: number;
  r3Requests: number;
  /**
   * Called when a SyncFeed request has arrived (before the feed is fetched) and when its answer is
   * ready (before it is sent): a test kills the client there. MiniCRM goes on either way.
   */
  onSyncArrived: ((source: string) => void | Promise<void>) | null;
  onSyncAnswer: ((status: number, source: string) => void | Promise<void>) | null;
  /** R3 reads of cards (`Project?ReferenceId=`, `Project/{Id}`, `Contact/{Id}`), in order. */
  r3Reads: string[];
  /** Called on each such read before it is answered: a test imports a held feed between two reads. */
  onR3Read: ((read: string) => void) | null;
  /**
   * MiniCRM imports a feed some time after SyncFeed's 200: while held, accepted feeds wait (the
   * cards are not there yet, or keep their old values) until `releaseImports`.
   */
  holdImports(on: boolean): void;
  releaseImports(): void;
  /** Fields (stand-in paths: `Enum1221`, `Business.Name`) MiniCRM drops on import from now on. */
  loseFields(paths: readonly string[]): void;
  /** Store phone numbers the way MiniCRM shows them (`+36 30 765 4321` -> `06307654321`). */
  rewritePhones(on: boolean): void;
  /** Faults for the next `times` matching requests. */
  setFault(fault: StandinFault | null, opts?: { on?: 'syncfeed' | 'r3' | 'refs' | 'upload' | 'any'; times?: number }): void;
  /** Every direct upload received (`POST /Api/SyncFeed/{SystemId}/Upload`), also the refused ones. */
  uploads: Array<{ bytes: number; status: number }>;
  close(): Promise<void>;
}

const DEFAULT_SCHEMA = {
  Name: 'Text(512)',
  StatusId: { '2500': 'New lead', '2501': 'In progress', '2502': 'Won' },
  UserId: { '10': 'Anna Kovács', '11': 'Béla Nagy' },
  CategoryId: 'Int',
  Deadline: 'DateTime',
  Priority: 'Int',
  Enum1221: { '1': 'Gold', '2': 'Silver' },
  Note: 'Text(64)',
};

/**
 * A stand-in for MiniCRM's SyncFeed + R3 endpoints on 127.0.0.1. Like the real service it downloads
 * the feed from the Source URL (over HTTPS, trusting only the given CA) and parses it strictly,
 * answering MiniCRM's own plain-text errors for bad input.
 */
export async function startMinicrmStandin(opts: StandinOptions): Promise<MinicrmStandin> {
  const categories = opts.categories ?? { '1': 'Sales', '2': 'Support' };
  const schemas: Record<string, unknown> = opts.schemas ?? { '1': DEFAULT_SCHEMA };
  let fault: StandinFault | null = null;
  let hold = false;
  const held: Array<Map<string, StoredProject>> = [];
  let lose: readonly string[] = [];
  let phones = false;
  const cardIds = new Map<string, number>();
  const idOf = (ref: string): number => {
    let id = cardIds.get(ref);
    if (id === undefined) cardIds.set(ref, (id = 1001 + cardIds.size));
    return id;
  };
  const refOf = (id: number): string | undefined => [...cardIds].find(([, v]) => v === id)?.[0];
  const apply = (parsed: Map<string, StoredProject>): void => {
    for (const [id, p] of parsed) {
      state.projects.set(id, { ...(state.projects.get(id) ?? {}), ...storeLikeMinicrm(p, { lose, rewritePhones: phones }) });
      idOf(id);
    }
  };
  let faultOn = 'any';
  let faultTimes = 0;
  const sockets = new Set<Socket>();

  const state: MinicrmStandin = {
    baseUrl: '',
    projects: new Map(),
    syncs: [],
    feedSizes: [],
    syncRequests: [],
    references: new Map(),
    referenceBatches: 0,
    r3Requests: 0,
    onSyncArrived: null,
    onSyncAnswer: null,
    r3Reads: [],
    onR3Read: null,
    holdImports(on) {
      hold = on;
    },
    releaseImports() {
      for (const parsed of held.splice(0)) apply(parsed);
    },
    loseFields(paths) {
      lose = [...paths];
    },
    rewritePhones(on) {
      phones = on;
    },
    uploads: [],
    setFault(f, o = {}) {
      fault = f;
      faultOn = o.on ?? 'any';
      faultTimes = f ? (o.times ?? 1) : 0;
    },
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://standin');
    const parts = url.pathname.split('/').filter(Boolean);
    const kind = parts[1] === 'SyncFeed' ? (parts[3] === 'SetReferenceId' ? 'refs' : parts[3] === 'Upload' ? 'upload' : 'syncfeed') : 'r3';
    if (kind === 'r3') state.r3Requests++;
    if (fault && faultTimes > 0 && (faultOn === 'any' || faultOn === kind)) {
      const f = fault;
      if (--faultTimes === 0) fault = null;
      if (kind === 'syncfeed') state.syncRequests.push({ source: url.searchParams.get('Source') ?? '', status: f.kind === '429' ? 429 : f.kind === '500' ? 500 : 0 });
      if (kind === 'upload') state.uploads.push({ bytes: 0, status: f.kind === '429' ? 429 : f.kind === '500' ? 500 : 0 });
      if (f.kind === 'drop') {
        req.socket.destroy();
        return;
      }
      if (f.kind === 'slow') {
        await new Promise((r) => setTimeout(r, f.ms));
        if (res.destroyed || req.socket.destroyed) return;
      } else if (f.kind === '429') {
        const headers: Record<string, string> = { 'content-type': 'text/plain' };
        if (f.retryAfter !== undefined) headers['retry-after'] = String(f.retryAfter);
        res.writeHead(429, headers).end('Too Many Requests');
        return;
      } else {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(f.body ?? 'Internal Server Error');
        return;
      }
    }
    if (!authorised(req, opts.systemId, opts.apiKey)) {
      if (kind === 'syncfeed') state.syncRequests.push({ source: url.searchParams.get('Source') ?? '', status: 401 });
      if (kind === 'upload') state.uploads.push({ bytes: 0, status: 401 });
      res.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Basic realm="MiniCRM"' }).end('Unauthorized');
      return;
    }
    if (parts[0] !== 'Api') return text(res, 404, 'Not found');
    if (kind === 'syncfeed' && req.method === 'GET' && parts[2] === opts.systemId) {
      const source = url.searchParams.get('Source');
      if (!source) return text(res, 400, 'Source is missing');
      await state.onSyncArrived?.(source);
      const answer = await syncFeed(source);
      state.syncRequests.push({ source, status: answer.status });
      await state.onSyncAnswer?.(answer.status, source);
      if (res.destroyed) return;
      return text(res, answer.status, answer.body, answer.json);
    }
    if (kind === 'upload' && req.method === 'POST' && parts[2] === opts.systemId) {
      const answer = await readFeed(req);
      state.uploads.push({ bytes: answer.bytes, status: answer.status });
      return text(res, answer.status, answer.body, answer.json);
    }
    if (kind === 'refs' && req.method === 'POST' && parts[2] === opts.systemId) {
      const form = new URLSearchParams(await readBody(req));
      const raw = form.get('References');
      let refs: unknown;
      try {
        refs = JSON.parse(raw ?? '');
      } catch {
        return text(res, 400, 'References is not valid JSON');
      }
      if (!refs || typeof refs !== 'object' || Array.isArray(refs)) return text(res, 400, 'References must be an object');
      for (const [k, v] of Object.entries(refs)) state.references.set(k, typeof v === 'number' ? v : String(v));
      state.referenceBatches++;
      return text(res, 200, JSON.stringify({ Result: 'OK', Count: Object.keys(refs).length }), true);
    }
    if (kind === 'r3' && req.method === 'GET' && parts[1] === 'R3' && parts[2] === 'Category') {
      return text(res, 200, JSON.stringify(categories), true);
    }
    if (kind === 'r3' && req.method === 'GET' && parts[2] === 'Schema' && parts[3] === 'Project' && parts[4]) {
      const schema = schemas[parts[4]];
      if (!schema) return text(res, 404, 'Category not found');
      return text(res, 200, JSON.stringify(schema), true);
    }
    if (kind === 'r3' && req.method === 'GET' && parts[1] === 'R3' && parts[2] === 'Project' && !parts[3]) {
      const ref = url.searchParams.get('ReferenceId');
      if (ref === null || [...url.searchParams.keys()].some((k) => k !== 'ReferenceId')) return text(res, 400, 'Unknown parameter');
      state.r3Reads.push(`Project?ReferenceId=${ref}`);
      state.onR3Read?.(`Project?ReferenceId=${ref}`);
      const p = state.projects.get(ref);
      if (!p) return text(res, 200, JSON.stringify({ Count: 0, Results: [] }), true);
      const id = idOf(ref);
      return text(res, 200, JSON.stringify({ Count: 1, Results: { [id]: searchEntry(id, p, schemas, state.baseUrl) } }), true);
    }
    if (kind === 'r3' && req.method === 'GET' && parts[1] === 'R3' && (parts[2] === 'Project' || parts[2] === 'Contact') && /^\d+$/.test(parts[3] ?? '')) {
      state.r3Reads.push(`${parts[2]}/${parts[3]}`);
      state.onR3Read?.(`${parts[2]}/${parts[3]}`);
      const id = Number(parts[3]);
      // Companies are numbered beside their card: card 1001 has company 5001.
      const ref = refOf(parts[2] === 'Project' ? id : id - 4000);
      const p = ref === undefined ? undefined : state.projects.get(ref);
      if (!p || ref === undefined) return text(res, 404, 'Not found');
      const body = parts[2] === 'Project' ? projectView(id, id + 4000, ref, p, schemas) : companyView(id, p);
      return text(res, 200, JSON.stringify(body), true);
    }
    return text(res, 404, 'Not found');
  };

  const syncFeed = async (source: string): Promise<{ status: number; body: string; json?: boolean }> => {
    let res: IncomingMessage;
    try {
      res = await download(source, opts.ca);
    } catch (e) {
      return { status: 400, body: `could not download source: ${(e as Error).message}` };
    }
    return readFeed(res);
  };

  /** Takes in a feed as it arrives (a downloaded Source URL or an upload's body): a large feed is never held whole. */
  const readFeed = (body: IncomingMessage): Promise<{ status: number; body: string; json?: boolean; bytes: number }> => new Promise((resolve) => {
    opts.onFeed?.();
    const parser = feedParser(opts.remember);
    const decoder = new StringDecoder('utf8');
    let bytes = 0;
    let started = false;
    let failed: string | null = null;
    body.on('data', (c: Buffer) => {
      bytes += c.length;
      if (failed) return;
      try {
        let chunk = decoder.write(c);
        if (!started) {
          chunk = chunk.replace(/^\uFEFF/, '');
          if (chunk.trim() === '') return;
          started = true;
          if (!chunk.trimStart().startsWith('<')) failed = "input doesn't look like it's an xml";
          else parser.write(chunk.trimStart());
        } else {
          parser.write(chunk);
        }
      } catch {
        failed = 'xml is not valid!';
      }
    });
    body.on('end', () => {
      if (!failed && !started) failed = "input doesn't look like it's an xml";
      let parsed: ParsedFeed | null = null;
      if (!failed) {
        try {
          parser.write(decoder.end());
          parsed = parser.close();
        } catch {
          failed = 'xml is not valid!';
        }
      }
      if (failed || !parsed) return resolve({ status: 400, body: failed ?? 'xml is not valid!', bytes });
      if (hold) held.push(parsed.projects);
      else apply(parsed.projects);
      state.syncs.push([...parsed.projects.keys()]);
      state.feedSizes.push(parsed.count);
      resolve({ status: 200, body: JSON.stringify({ Result: 'OK', Projects: parsed.count }), json: true, bytes });
    });
    body.on('error', () => resolve({ status: 400, body: 'upload interrupted', bytes }));
  });


  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) text(res, 500, String(e));
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const addr = server.address();
  state.baseUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  return state;
}

function text(res: ServerResponse, status: number, body: string, json = false): void {
  res.writeHead(status, { 'content-type': json ? 'application/json' : 'text/plain; charset=utf-8' }).end(body);
}

function authorised(req: IncomingMessage, user: string, pass: string): boolean {
  const h = req.headers.authorization ?? '';
  if (!h.startsWith('Basic ')) return false;
  return Buffer.from(h.slice(6), 'base64').toString('utf8') === `${user}:${pass}`;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** GET the Source URL the way MiniCRM would: credentials in the URL become Basic auth. */
function download(source: string, ca: string | undefined): Promise<IncomingMessage> {
  const u = new URL(source);
  const headers: Record<string, string> = {};
  if (u.username) {
    const cred = `${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`;
    headers.authorization = `Basic ${Buffer.from(cred).toString('base64')}`;
  }
  const doRequest = u.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = doRequest({ host: u.hostname, port: u.port, path: u.pathname + u.search, method: 'GET', headers, ca, timeout: 30_000 }, (res) => {
      if (res.statusCode === 200) return resolve(res);
      res.resume();
      reject(new Error(`HTTP ${res.statusCode}`));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

/** Strict parse (saxes throws on any well-formedness error) into flattened projects. */
export function parseFeed(xml: string): Map<string, StoredProject> {
  const p = feedParser();
  p.write(xml);
  return p.close().projects;
}

interface ParsedFeed {
  projects: Map<string, StoredProject>;
  count: number;
}

/** The same parse fed in pieces (a streamed upload): write() text as it arrives, close() at the end. */
export function feedParser(remember: (id: string) => boolean = () => true): { write(text: string): void; close(): ParsedFeed } {
  const parser = new SaxesParser();
  const projects = new Map<string, StoredProject>();
  const stack: Array<{ name: string; counts: Map<string, number>; path: string }> = [];
  let current: StoredProject | null = null;
  let textBuf = '';
  let sawRoot = false;
  let count = 0;
  parser.on('error', (e) => { throw e; });
  parser.on('opentag', (tag) => {
    textBuf = '';
    if (stack.length === 0) {
      if (tag.name !== 'Projects' || sawRoot) throw new Error('root must be <Projects>');
      sawRoot = true;
      stack.push({ name: tag.name, counts: new Map(), path: '' });
      return;
    }
    const parent = stack[stack.length - 1]!;
    if (stack.length === 1) {
      const id = tag.attributes.Id;
      if (tag.name !== 'Project' || typeof id !== 'string' || id === '') throw new Error('<Project Id> expected');
      count++;
      current = {};
      if (remember(id)) projects.set(id, current);
      stack.push({ name: tag.name, counts: new Map(), path: '' });
      return;
    }
    const n = parent.counts.get(tag.name) ?? 0;
    parent.counts.set(tag.name, n + 1);
    const repeated = ['Email', 'Phone', 'Address', 'Contact'].includes(tag.name);
    const seg = repeated ? `${tag.name}[${n}]` : tag.name;
    stack.push({ name: tag.name, counts: new Map(), path: parent.path ? `${parent.path}.${seg}` : seg });
  });
  parser.on('text', (t) => { textBuf += t; });
  parser.on('closetag', () => {
    const top = stack.pop();
    if (top && current && stack.length >= 2 && top.counts.size === 0) current[top.path] = textBuf;
    textBuf = '';
  });
  return {
    write: (text) => void parser.write(text),
    close: () => {
      parser.close();
      if (!sawRoot) throw new Error('no root');
      return { projects, count };
    },
  };
}
