export { packProject, unpackProject } from './packed-project';
export { hashPacked, prepareProject } from './project-hash';
export { flattenProject } from './field-paths';
export { fieldChanges, mergeFields } from './field-state';
