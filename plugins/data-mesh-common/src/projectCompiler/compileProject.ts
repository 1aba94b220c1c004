import type { CompilerDiagnostic, SchemaPropagation } from '../compiler';
import { CheckedPipeline, checkPipeline } from '../compiler/checkPipeline';
import { loweringFor } from '../compiler/compilePipeline';
import type { ParameterValue } from '../compiler/parameters';
import { compilerDiagnosticMessage } from '../compiler/diagnostics';
import type { SqlDialectName } from '../dialect';
import {
  compileBundle,
  generatedPythonPath,
  generatedSqlPath,
} from './bundleInput';
import {
  compilePipelinePySpark,
  compilePipelineSql,
} from './compilePipelineCode';
import { loadProject, LoadProjectOptions } from './loadProject';
import {
  FilePositions,
  formatProjectCompilerDiagnostic,
  sortDiagnostics,
} from './positions';
import {
  ProjectLineage,
  projectLineage,
  propagateProject,
} from './projectLineage';
import type {
  GeneratedProjectFile,
  LoadedFile,
  LoadedProject,
  ProjectCompilerDiagnostic,
  ProjectSourceFile,
} from './types';
import type { PipelineFile } from '../project';
import { MANIFEST_PATH, ProjectManifest, renderManifest } from '../manifest';
import { projectManifest } from './projectManifest';
import { pipelineTargets, targetPreparationStatements } from './targets';

/**
 * What {@link compileProject} produces.
 *
 * @public
 */
export interface CompiledProject {
  /**
   * The generated files, sorted by path: `generated/sql/<pipeline>.sql`,
   * `generated/python/<pipeline>.py`, `databricks.yml` and
   * `resources/<job>.job.yml`, only what compiled without errors; and
   * always `generated/manifest.json`, {@link CompiledProject.manifest} as
   * text.
   */
  readonly files: readonly GeneratedProjectFile[];
  /** Every problem, of every stage, at a file, line and column. */
  readonly diagnostics: readonly ProjectCompilerDiagnostic[];
  readonly lineage: ProjectLineage;
  /**
   * The project's manifest (see docs/manifest.md), with the diagnostics:
   * produced even when there are errors, so callers can show them.
   */
  readonly manifest: ProjectManifest;
  /** The project as loaded, for callers that need its files. */
  readonly project: LoadedProject;
}

/**
 * The folders and files that {@link compileProject} owns: anything there
 * that it did not generate is stale.
 *
 * @public
 */
export function isGeneratedProjectPath(path: string): boolean {
  return (
    path === 'databricks.yml' ||
    path === MANIFEST_PATH ||
    /^generated\/sql\/[^/]+\.sql$/.test(path) ||
    /^generated\/python\/[^/]+\.py$/.test(path) ||
    /^resources\/[^/]+\.yml$/.test(path)
  );
}

/**
 * A compiler diagnostic at its line and column in the pipeline file; for
 * an expression, at the offending character inside it.
 */
export function locateCompilerDiagnostic(
  positions: FilePositions,
  diagnostic: CompilerDiagnostic,
): ProjectCompilerDiagnostic {
  return positions.diagnostic({
    path: diagnostic.path,
    code: diagnostic.code,
    severity: diagnostic.severity,
    message: compilerDiagnosticMessage(diagnostic),
    ...(diagnostic.expression && {
      within: {
        offset: diagnostic.expression.offset,
        length: diagnostic.expression.length,
      },
    }),
  });
}

/** A dataset's table as the generated code names it: the dataset file's `table`, verbatim. */
export function datasetTables(loaded: LoadedProject) {
  return (dataset: string) =>
    loaded.context.datasets[dataset]?.table ?? dataset;
}

/**
 * One pipeline of a loaded project compiled to SQL for `dialect`, with
 * its diagnostics at their positions in the pipeline file. For DuckDB,
 * `parameters` are the values of the pipeline's parameters (a job task's,
 * see `jobTaskParameters`); defaults fill the rest.
 *
 * @public
 */
export function compileProjectPipeline(
  loaded: LoadedProject,
  name: string,
  dialect: SqlDialectName,
  parameters?: Readonly<Record<string, ParameterValue>>,
): { sql?: string; diagnostics: ProjectCompilerDiagnostic[] } {
  const file = loaded.pipelines.get(name);
  if (!file || loaded.brokenPipelines.has(name)) return { diagnostics: [] };
  const positions = new FilePositions(file.path, file.text);
  const compiled = compilePipelineSql(
    checkPipeline(
      file.value,
      loaded.context,
      loweringFor({ dialect, parameters }),
    ),
    dialect,
    datasetTables(loaded),
    [],
    loaded.standards?.maskTemplates,
  );
  return {
    ...(compiled.code !== undefined && { sql: compiled.code }),
    diagnostics: compiled.diagnostics.map(d =>
      locateCompilerDiagnostic(positions, d),
    ),
  };
}

/**
 * What {@link checkProjectPipeline} finds.
 *
 * @public
 */
export interface CheckedProjectPipeline {
  /** The schemas arriving at and leaving every node; absent when the pipeline cannot be checked. */
  readonly propagation?: SchemaPropagation;
  /**
   * The checker's problems with their data paths into the pipeline file and
   * their offsets inside expressions, for editors that show them by field.
   */
  readonly problems: readonly CompilerDiagnostic[];
  /** The problems of loading and checking the file, at their positions in it. */
  readonly diagnostics: readonly ProjectCompilerDiagnostic[];
}

/**
 * Checks one pipeline of a loaded project without generating code: what an
 * editor runs on every change. Its diagnostics are those `compileProject`
 * reports for the file, but for the few only a back end finds.
 *
 * @public
 */
export function checkProjectPipeline(
  loaded: LoadedProject,
  name: string,
): CheckedProjectPipeline {
  const file = loaded.pipelines.get(name);
  const loading = file
    ? loaded.diagnostics.filter(d => d.file === file.path)
    : [];
  if (!file || loaded.brokenPipelines.has(name)) {
    return { problems: [], diagnostics: loading };
  }
  const checked = checkPipeline(file.value, loaded.context);
  const positions = new FilePositions(file.path, file.text);
  return {
    propagation: checked.propagation,
    problems: checked.diagnostics,
    diagnostics: sortDiagnostics([
      ...loading,
      ...checked.diagnostics.map(d => locateCompilerDiagnostic(positions, d)),
    ]),
  };
}

/**
 * Spark SQL runs as a SQL task whose `catalog` parameter is the bundle
 * target's catalog: tables are named `schema.table` in the datasets, so
 * switching the catalog first is what points dev and prod at their own.
 */
function withTargetCatalog(sql: string): string {
  const statement =
    '-- Tables resolve in the bundle target\'s catalog (task parameter "catalog").\n' +
    'USE CATALOG IDENTIFIER(:catalog);\n';
  const headerEnd = sql.indexOf('\n\n');
  return headerEnd < 0
    ? `${statement}\n${sql}`
    : `${sql.slice(0, headerEnd + 2)}${statement}\n${sql.slice(headerEnd + 2)}`;
}

/** LF line ends and exactly one final newline, whatever the generator did. */
function normalizeText(text: string): string {
  return `${text.replace(/\r\n?/g, '\n').replace(/\n+$/, '')}\n`;
}

/**
 * A pipeline's generated files: checked once, then written by every back
 * end (Spark SQL, PySpark) from the same checked pipeline.
 */
function compilePipelineFiles(
  loaded: LoadedProject,
  file: LoadedFile<PipelineFile>,
  checked: CheckedPipeline,
): { files: GeneratedProjectFile[]; diagnostics: ProjectCompilerDiagnostic[] } {
  const name = file.value.name;
  const tables = datasetTables(loaded);
  const positions = new FilePositions(file.path, file.text);
  const files: GeneratedProjectFile[] = [];
  const diagnostics: ProjectCompilerDiagnostic[] = [];
  // The checker's problems come with each back end's; each is reported once.
  const known = new Set<string>();
  const report = (found: readonly CompilerDiagnostic[]) => {
    for (const d of found) {
      const located = locateCompilerDiagnostic(positions, d);
      const key = formatProjectCompilerDiagnostic(located);
      if (known.has(key)) continue;
      known.add(key);
      diagnostics.push(located);
    }
  };
  const prepare = targetPreparationStatements(
    pipelineTargets(loaded, name),
    'spark',
  );
  const masks = loaded.standards?.maskTemplates;
  const sql = compilePipelineSql(checked, 'spark', tables, prepare, masks);
  report(sql.diagnostics);
  if (sql.code !== undefined) {
    files.push({
      path: generatedSqlPath(name),
      content: normalizeText(withTargetCatalog(sql.code)),
    });
  }
  const python = compilePipelinePySpark(checked, tables, prepare, masks);
  report(python.diagnostics);
  if (python.code !== undefined) {
    files.push({
      path: generatedPythonPath(name),
      content: normalizeText(python.code),
    });
  }
  return { files, diagnostics };
}

/**
 * Compiles a whole data project: every pipeline to Spark SQL
 * (`generated/sql/<name>.sql`) and PySpark (`generated/python/<name>.py`),
 * the jobs to a Databricks Asset Bundle (`databricks.yml`,
 * `resources/<job>.job.yml`), the project's column-level lineage, and the
 * manifest describing all of it (`generated/manifest.json`).
 *
 * Pure and deterministic: the same files give byte-identical output, with
 * LF line ends and a final newline. Never throws for bad input; a file
 * that cannot be generated is left out and the diagnostics say why.
 *
 * @param files - the project's files, paths relative to its root; files
 *   that are not project files (README.md, generated code) are ignored
 * @param options - as for `loadProject`: the standards library the
 *   project pins, and the versions that exist
 * @public
 */
export function compileProject(
  files: readonly ProjectSourceFile[],
  options: LoadProjectOptions = {},
): CompiledProject {
  const loaded = loadProject(files, options);
  const diagnostics: ProjectCompilerDiagnostic[] = [...loaded.diagnostics];
  const generated: GeneratedProjectFile[] = [];

  const pipelines = [...loaded.pipelines.values()].sort((a, b) =>
    a.value.name < b.value.name ? -1 : Number(a.value.name > b.value.name),
  );
  // Lineage reads the propagations the back ends' checks made.
  const propagations = new Map<string, SchemaPropagation>();
  for (const file of pipelines) {
    if (loaded.brokenPipelines.has(file.value.name)) continue;
    const checked = checkPipeline(file.value, loaded.context);
    propagations.set(file.value.name, checked.propagation);
    const result = compilePipelineFiles(loaded, file, checked);
    generated.push(...result.files);
    diagnostics.push(...result.diagnostics);
  }

  if (loaded.project) {
    const bundle = compileBundle(loaded, loaded.project);
    generated.push(
      ...bundle.files.map(f => ({
        path: f.path,
        content: normalizeText(f.content),
      })),
    );
    diagnostics.push(...bundle.diagnostics);
  }

  const sorted = sortDiagnostics(diagnostics);
  const lineage = projectLineage(loaded, propagations);
  const manifest = projectManifest({
    loaded,
    lineage,
    generated: new Set(generated.map(f => f.path)),
    diagnostics: sorted,
  });
  generated.push({ path: MANIFEST_PATH, content: renderManifest(manifest) });
  generated.sort((a, b) => (a.path < b.path ? -1 : Number(a.path > b.path)));
  return {
    files: generated,
    diagnostics: sorted,
    lineage,
    manifest,
    project: loaded,
  };
}

/**
 * The column-level lineage of a project without generating code: loading
 * and schema propagation only, so lineage is available even where a gem
 * cannot be written in some dialect. `diagnostics` are those of loading and
 * propagation.
 *
 * @public
 */
export function analyzeProjectLineage(
  files: readonly ProjectSourceFile[],
  options: LoadProjectOptions = {},
): {
  lineage: ProjectLineage;
  diagnostics: readonly ProjectCompilerDiagnostic[];
} {
  const loaded = loadProject(files, options);
  const propagations = propagateProject(loaded);
  const diagnostics: ProjectCompilerDiagnostic[] = [...loaded.diagnostics];
  for (const [name, propagation] of propagations) {
    const file = loaded.pipelines.get(name)!;
    const positions = new FilePositions(file.path, file.text);
    for (const d of propagation.diagnostics) {
      diagnostics.push(locateCompilerDiagnostic(positions, d));
    }
  }
  return {
    lineage: projectLineage(loaded, propagations),
    diagnostics: sortDiagnostics(diagnostics),
  };
}
