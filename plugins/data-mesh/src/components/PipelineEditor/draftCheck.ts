import {
  checkProjectPipeline,
  CompilerDiagnostic,
  loadProject,
  PipelineFile,
  PortSchema,
  ProjectCompilerDiagnostic,
  ProjectFileParseCache,
  SchemaPropagation,
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
  /** Keeps the parses of the files an edit leaves alone, across checks. */
  parseCache?: ProjectFileParseCache,
): DraftCheck {
  const files = projectFiles.filter(f => f.path !== path);
  files.push({ path, text });
  const loaded = loadProject(files, { parseCache });
  const names: DraftProjectNames = {
    datasets: [...loaded.datasets.keys()].sort(),
    subgraphs: [...loaded.subgraphs.keys()].sort(),
    rules: new Map(
      [...loaded.rules].map(([name, file]) => [
        name,
        file.value.inputs.map(input => input.name),
      ]),
    ),
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
