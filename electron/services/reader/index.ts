export { openSource, type SourceHandle } from './open-source';
