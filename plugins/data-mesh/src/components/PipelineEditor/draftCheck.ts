import {
  checkProjectPipeline,
  CompilerDiagnostic,
  defaultFunctionCatalogue,
  FunctionCatalogue,
  loadProject,
  PipelineFile,
  PortSchema,
  ProjectCompilerDiagnostic,
  ProjectFileParseCache,
  SchemaPropagation,
  STANDARDS_REFERENCE_PREFIX,
  StandardsLibrary,
} from '@meshwork/data-mesh-common';

/** A project source file as the editor's source carries it. */
export interface DraftProjectFile {
  readonly path: string;
  readonly text: string;
}

/** What the editor knows of the rest of the project, for its pickers. */
export interface DraftProjectNames {
  readonly datasets: readonly string[];
  readonly subgraphs: readonly string[];
  /** Each business rule with the names of its inputs. */
  readonly rules: ReadonlyMap<string, readonly string[]>;
  /** The functions expressions may call: the built-ins and the standards library's. */
  readonly functions?: FunctionCatalogue;
}

/** The edited pipeline checked with the rest of its project. */
export interface DraftCheck {
  /** The pipeline, when the file is valid. */
  readonly pipeline?: PipelineFile;
  /** Every problem of the file, at its line and column. */
  readonly diagnostics: readonly ProjectCompilerDiagnostic[];
  /** The checker's problems by data path, for the gem forms. */
  readonly problems: readonly CompilerDiagnostic[];
  readonly propagation?: SchemaPropagation;
  readonly names: DraftProjectNames;
  /** Whether a SQL or Mask gem waits for the SQL parser to load. */
  readonly needsSqlParser: boolean;
}

/**
 * The problem every SQL and Mask gem reports until the SQL parser, a large
 * WebAssembly module the editor loads on demand, is ready. It says nothing
 * about the pipeline, so the editor does not show it.
 */
function waitsForSqlParser(message: string): boolean {
  return message.includes('SQL parser is not loaded');
}

/**
 * Checks the edited pipeline file the way the server will before it
 * commits: the project's files at the edit's base, with this one replaced
 * by `text`, through the compiler's own loading and checking.
 */
export function checkDraft(
  projectFiles: readonly DraftProjectFile[],
  path: string,
  text: string,
  options: {
    /** Keeps the parses of the files an edit leaves alone, across checks. */
    readonly parseCache?: ProjectFileParseCache;
    /** The standards library the project pins (see `editorStandardsLibrary`). */
    readonly standards?: StandardsLibrary;
  } = {},
): DraftCheck {
  const files = projectFiles.filter(f => f.path !== path);
  files.push({ path, text });
  const loaded = loadProject(files, options);
  // The library's rules and subgraphs only when the project gets it (the
  // version it pins), as pipelines name them.
  const library = loaded.standards;
  const standardNames = <T>(entries: Readonly<Record<string, T>> = {}) =>
    Object.entries(entries).map(
      ([name, value]) =>
        [`${STANDARDS_REFERENCE_PREFIX}${name}`, value] as const,
    );
  const names: DraftProjectNames = {
    datasets: [...loaded.datasets.keys()].sort(),
    subgraphs: [
      ...[...loaded.subgraphs.keys()].sort(),
      ...standardNames(library?.subgraphs).map(([name]) => name),
    ],
    rules: new Map(
      [
        ...[...loaded.rules].map(([name, file]) => [name, file.value] as const),
        ...standardNames(library?.rules),
      ].map(([name, rule]) => [name, rule.inputs.map(input => input.name)]),
    ),
    functions: library?.catalogue ?? defaultFunctionCatalogue,
  };
  const file = [...loaded.pipelines.values()].find(f => f.path === path);
  if (!file) {
    return {
      diagnostics: loaded.diagnostics.filter(d => d.file === path),
      problems: [],
      names,
      needsSqlParser: false,
    };
  }
  const checked = checkProjectPipeline(loaded, file.value.name);
  const needsSqlParser = checked.problems.some(p =>
    waitsForSqlParser(p.message),
  );
  return {
    pipeline: file.value,
    diagnostics: checked.diagnostics.filter(d => !waitsForSqlParser(d.message)),
    problems: checked.problems.filter(p => !waitsForSqlParser(p.message)),
    propagation: checked.propagation,
    names,
    needsSqlParser,
  };
}

/** The schemas arriving at a node, by input port; none when unknown. */
export function nodeInputs(
  check: DraftCheck | undefined,
  nodeId: string,
): Readonly<Record<string, PortSchema>> {
  return check?.propagation?.inputs.get(nodeId) ?? {};
}
