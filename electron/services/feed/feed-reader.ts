import fs from 'node:fs';
import type { FeedProject } from '../../../shared/domain/project';
import { FeedParser } from './feed-parser';

export { FeedFormatError } from './feed-parser';

/** Streams a feed file back as FeedProjects, a chunk at a time (bounded memory for big feeds). */
export async function* readFeedProjects(file: string): AsyncGenerator<FeedProject> {
  const parser = new FeedParser();
  const stream = fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  for await (const chunk of stream) {
    parser.write(chunk as string);
    yield* parser.take();
  }
  parser.end();
  yield* parser.take();
}

export async function readFeedFile(file: string): Promise<FeedProject[]> {
  const out: FeedProject[] = [];
  for await (const p of readFeedProjects(file)) out.push(p);
  return out;
}

/** Parses a whole feed held in memory (e.g. a downloaded body). */
export function parseFeedXml(xml: string): FeedProject[] {
  const parser = new FeedParser();
  parser.write(xml);
  parser.end();
  return parser.take();
}
