import {
  compileProjectPipeline,
  formatProjectCompilerDiagnostic,
  LoadedProject,
  ParameterValue,
  PipelineTarget,
  sqlDialect,
  SqlDialectName,
  targetPreparationStatements,
} from '@meshwork/data-mesh-common';

/**
 * The pipeline's script with its targets prepared first, in one
 * transaction where the dialect has them (DuckDB), so that a failing
 * pipeline leaves its tables as they were.
 */
export function pipelineScript(
  targets: readonly PipelineTarget[],
  sql: string,
  dialect: SqlDialectName,
): string {
  const body = sql.trimEnd();
  const statements = [
    ...targetPreparationStatements(targets, dialect).map(s => `${s};`),
    body.endsWith(';') ? body : `${body};`,
  ];
  return sqlDialect(dialect).transaction(statements).join('\n');
}

/**
 * A task's pipeline in the engine's dialect, with the values the task
 * gives its parameters, or every error that keeps it from compiling,
 * including those of the files it refers to.
 */
export function compileStep(
  loaded: LoadedProject,
  pipeline: string,
  dialect: SqlDialectName,
  parameters?: Readonly<Record<string, ParameterValue>>,
): { sql: string } | { error: string } {
  const compiled = compileProjectPipeline(
    loaded,
    pipeline,
    dialect,
    parameters,
  );
  const errors = compiled.diagnostics.filter(d => d.severity === 'error');
  if (errors.length > 0) {
    return {
      error: errors.map(d => formatProjectCompilerDiagnostic(d)).join('\n'),
    };
  }
  if (compiled.sql !== undefined) return { sql: compiled.sql };
  const file = loaded.pipelines.get(pipeline)?.path;
  return {
    error:
      (file && projectProblem(loaded, file)) ||
      projectProblem(loaded) ||
      `pipeline ${pipeline} could not be compiled`,
  };
}

/** The project's errors, in one file or in all of them. */
export function projectProblem(loaded: LoadedProject, file?: string): string {
  return loaded.diagnostics
    .filter(
      d => d.severity === 'error' && (file === undefined || d.file === file),
    )
    .map(d => formatProjectCompilerDiagnostic(d))
    .join('\n');
}
