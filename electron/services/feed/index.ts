export { FeedWriter, feedFileName } from './feed-writer';
export { readFeedFile } from './feed-reader';
