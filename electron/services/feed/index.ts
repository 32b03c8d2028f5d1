export { FeedWriter, feedFileName, type FeedCommit, type FeedWriterOptions } from './feed-writer';
export { readFeedProjects, readFeedFile, parseFeedXml, FeedFormatError, FeedParser } from './feed-reader';
export { customFieldNameProblem, hasForbiddenXmlChars, stripForbiddenXmlChars } from './xml-text';
export { removeStalePartFiles } from './stale-parts';
