export {
  flattenProject, flattenStored, flatJsonOf, packProject, unpackProject, projectHash, prepareProject, hashValues, type PreparedProject,
} from './project-hash';
export { diffFlat } from './diff';
export { DeltaClassifier, type DeltaOptions, type DeltaStatus, type ClassifiedBatch } from './delta-classifier';
