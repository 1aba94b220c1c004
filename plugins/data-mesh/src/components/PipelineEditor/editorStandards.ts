import {
  loadStandardsLibrary,
  STANDARDS_REFERENCE_PREFIX,
  StandardsLibrary,
  SubgraphFile,
} from '@meshwork/data-mesh-common';
import type { PipelineSource } from '../../api';

/**
 * Each standards version loaded once per page: versions are immutable, and
 * every pipeline of a project (and every project on the same version)
 * shares it. A version whose files have errors is kept as undefined; the
 * server's diagnostics say what is wrong.
 */
const loadedVersions = new Map<string, StandardsLibrary | undefined>();

/** The standards library a pipeline source carries, loaded for the browser's compiler. */
export function editorStandardsLibrary(
  standards: PipelineSource['standards'],
): StandardsLibrary | undefined {
  if (!standards) return undefined;
  if (!loadedVersions.has(standards.version)) {
    loadedVersions.set(
      standards.version,
      loadStandardsLibrary(standards.version, standards.files).library,
    );
  }
  return loadedVersions.get(standards.version);
}

/** A subgraph of the library, as pipelines name it (`standards/<name>`). */
export function standardsSubgraph(
  standards: StandardsLibrary | undefined,
  name: string,
): SubgraphFile | undefined {
  if (!standards || !name.startsWith(STANDARDS_REFERENCE_PREFIX)) {
    return undefined;
  }
  return standards.subgraphs[name.slice(STANDARDS_REFERENCE_PREFIX.length)];
}
