import { parseDocument } from 'yaml';
import { defaultFunctionCatalogue } from '../expression';
import type { MaskTemplates } from '../compiler/codegen/maskTemplates';
import { unknownReferences } from '../compiler/references';
import {
  parseProjectFile,
  projectFileKindOf,
  RuleFile,
  SubgraphFile,
} from '../project';
import { FilePositions, sortDiagnostics } from '../projectCompiler/positions';
import type {
  ProjectCompilerDiagnostic,
  ProjectSourceFile,
} from '../projectCompiler/types';
import { StandardsFile, standardsFileSchema } from './schema';
import { standardFunctions } from './standardFunctions';
import { STANDARDS_REFERENCE_PREFIX, StandardsLibrary } from './types';

/**
 * The file of a standards version that describes it, next to its `rules/`
 * and `subgraphs/` folders.
 *
 * @public
 */
export const STANDARDS_FILE = 'standards.yaml';

/**
 * What {@link loadStandardsLibrary} finds.
 *
 * @public
 */
export interface LoadedStandardsLibrary {
  /** The library; absent when any of its files has an error. */
  readonly library?: StandardsLibrary;
  /** Problems, at lines and columns of the library's files (paths as given). */
  readonly diagnostics: readonly ProjectCompilerDiagnostic[];
}

function parseStandardsFile(
  path: string,
  text: string,
  diagnostics: ProjectCompilerDiagnostic[],
): StandardsFile | undefined {
  const positions = new FilePositions(path, text);
  const document = parseDocument(text, { version: '1.2', uniqueKeys: true });
  if (document.errors.length) {
    diagnostics.push(
      positions.diagnostic({
        path: [],
        code: 'yaml-syntax',
        message: document.errors[0].message,
      }),
    );
    return undefined;
  }
  const data = document.toJS({ maxAliasCount: 100 });
  const valid = standardsFileSchema.check(data, [], issue =>
    diagnostics.push(
      positions.diagnostic({
        path: issue.path,
        code: issue.code ?? 'invalid-value',
        message: issue.message,
        ...(issue.target && { target: issue.target }),
        ...(issue.within && { within: issue.within }),
      }),
    ),
  );
  return valid ? (data as StandardsFile) : undefined;
}

/**
 * Loads one version of the standards library from its files (paths
 * relative to the version's folder: `standards.yaml`, `rules/*.rule.yaml`,
 * `subgraphs/*.subgraph.yaml`): parses and checks each, type checks the
 * functions, and checks that the subgraphs name only the library's own
 * rules and subgraphs (as `standards/<name>`). Pure, like `loadProject`,
 * so it runs in the browser too; `readStandardsLibrary` in
 * `@meshwork/data-mesh-node` reads the files from disk.
 *
 * @param version - the version the caller asked for; `standards.yaml` must declare it
 * @public
 */
export function loadStandardsLibrary(
  version: string,
  files: readonly ProjectSourceFile[],
): LoadedStandardsLibrary {
  const diagnostics: ProjectCompilerDiagnostic[] = [];
  const rules: Record<string, RuleFile> = {};
  const subgraphs: Record<string, SubgraphFile> = {};
  const texts = new Map<string, string>();
  let standards: StandardsFile | undefined;
  let sawStandards = false;
  for (const file of files) {
    const path = file.path.replace(/\\/g, '/');
    if (path === STANDARDS_FILE) {
      sawStandards = true;
      standards = parseStandardsFile(path, file.text, diagnostics);
      if (standards && standards.version !== version) {
        diagnostics.push(
          new FilePositions(path, file.text).diagnostic({
            path: ['version'],
            code: 'invalid-value',
            message: `the library in this folder is version "${standards.version}", not "${version}"`,
          }),
        );
        standards = undefined;
      }
      if (standards) texts.set(path, file.text);
      continue;
    }
    const kind = projectFileKindOf(path);
    if (kind !== 'rule' && kind !== 'subgraph') continue;
    const parsed = parseProjectFile(kind, path, file.text);
    diagnostics.push(...parsed.diagnostics);
    if (!parsed.value) continue;
    texts.set(path, file.text);
    const into = (kind === 'rule' ? rules : subgraphs) as Record<
      string,
      unknown
    >;
    if (into[parsed.value.name]) {
      diagnostics.push(
        new FilePositions(path, file.text).diagnostic({
          path: ['name'],
          code: 'duplicate-name',
          message: `${kind} "${parsed.value.name}" is defined twice in the library`,
        }),
      );
      continue;
    }
    into[parsed.value.name] = parsed.value;
  }
  if (!sawStandards) {
    diagnostics.push(
      new FilePositions(STANDARDS_FILE, '').diagnostic({
        path: [],
        code: 'missing-file',
        message: `standards version "${version}" has no ${STANDARDS_FILE}`,
      }),
    );
  }

  const names = {
    datasets: [],
    rules: Object.keys(rules).map(n => `${STANDARDS_REFERENCE_PREFIX}${n}`),
    subgraphs: Object.keys(subgraphs).map(
      n => `${STANDARDS_REFERENCE_PREFIX}${n}`,
    ),
  };
  for (const [path, text] of texts) {
    const subgraph = Object.values(subgraphs).find(
      s => path === `subgraphs/${s.name}.subgraph.yaml`,
    );
    if (!subgraph) continue;
    for (const problem of unknownReferences(subgraph.nodes, names)) {
      diagnostics.push(
        new FilePositions(path, text).diagnostic({
          path: problem.path,
          code: 'unknown-reference',
          message: `${problem.message} (a library subgraph reads only the library's rules and subgraphs, as standards/<name>)`,
        }),
      );
    }
  }

  let library: StandardsLibrary | undefined;
  if (standards) {
    const found = standardFunctions(standards.functions ?? [], version);
    const positions = new FilePositions(
      STANDARDS_FILE,
      texts.get(STANDARDS_FILE)!,
    );
    for (const problem of found.problems) {
      diagnostics.push(
        positions.diagnostic({
          path: problem.path,
          code: problem.code,
          message: problem.message,
          ...(problem.within && { within: problem.within }),
        }),
      );
    }
    library = {
      version,
      ...(standards.description !== undefined && {
        description: standards.description,
      }),
      maskTemplates: (standards.masks ?? {}) as MaskTemplates,
      functions: found.functions,
      catalogue: defaultFunctionCatalogue.extend(
        found.functions.map(f => f.definition),
      ),
      rules,
      subgraphs,
    };
  }
  const sorted = sortDiagnostics(diagnostics);
  return sorted.some(d => d.severity === 'error')
    ? { diagnostics: sorted }
    : { library, diagnostics: sorted };
}
