import { parseDocument } from 'yaml';
import { SourceText } from '../expression/span';
import { checkGraph } from './checks/graph';
import { checkJob } from './checks/job';
import { checkTestFile } from './checks/test';
import { formatDataPath, ProjectDiagnostic, ProjectIssue } from './diagnostics';
import {
  nameFromFileName,
  ProjectFileContent,
  ProjectFileContents,
  ProjectFileKind,
  projectFileKinds,
} from './fileKinds';
import { YamlLocator } from './locate';
import { locateYamlError } from './yamlErrors';
import { migrateProjectData, ProjectFileMigration } from './migrations';
import type { PathSegment, SchemaIssue } from './schema/builder';

/**
 * The outcome of {@link parseProjectFile}.
 *
 * @public
 */
export interface ProjectFileParseResult<K extends ProjectFileKind> {
  /** The file's content, current format version; absent when there are errors. */
  readonly value?: ProjectFileContent<K>;
  /** Every problem found, in file order; errors, warnings and infos. */
  readonly diagnostics: readonly ProjectDiagnostic[];
}

/**
 * Options of {@link parseProjectFile}.
 *
 * @public
 */
export interface ParseProjectFileOptions {
  /** Files longer than this many characters are rejected (default 5 MB). */
  readonly maxLength?: number;
}

const DEFAULT_MAX_LENGTH = 5_000_000;
/** Guards against "billion laughs" documents built from nested aliases. */
const MAX_ALIAS_COUNT = 100;
const MAX_SYNTAX_DIAGNOSTICS = 10;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parses and validates one project file.
 *
 * Never throws for bad input: malformed YAML, wrong types, unknown keys or
 * gem types, invalid expressions, broken graphs and the like all come back
 * as diagnostics with the line and column in `text`. Files with an older
 * `formatVersion` are migrated, with an `info` diagnostic saying so.
 *
 * @param kind - which kind of file `text` is (see `projectFileKindOf`)
 * @param fileName - the path reported in diagnostics, e.g. `pipelines/orders.pipeline.yaml`
 * @param text - the file's content
 * @public
 */
export function parseProjectFile<K extends ProjectFileKind>(
  kind: K,
  fileName: string,
  text: string,
  options: ParseProjectFileOptions = {},
): ProjectFileParseResult<K> {
  // Our own line table rather than yaml's LineCounter: the latter misses
  // line breaks inside some malformed documents, so positions drifted.
  const lines = new SourceText(text);
  const position = (offset: number) =>
    lines.span(Math.min(Math.max(offset, 0), text.length), 0);
  const diagnostic = (
    issue: Omit<ProjectIssue, 'path'> & { path?: readonly PathSegment[] },
    start: number,
    end: number,
  ): ProjectDiagnostic => {
    const from = position(start);
    const to = position(Math.max(start, end));
    return {
      file: fileName,
      line: from.line,
      column: from.column,
      endLine: to.line,
      endColumn: to.column,
      path: formatDataPath(issue.path ?? []),
      message: issue.message,
      severity: issue.severity ?? 'error',
      code: issue.code,
    };
  };

  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  if (text.length > maxLength) {
    return {
      diagnostics: [
        diagnostic(
          {
            code: 'invalid-value',
            message: `the file is ${text.length} characters long; the limit is ${maxLength}`,
          },
          0,
          0,
        ),
      ],
    };
  }

  const document = parseDocument(text, {
    prettyErrors: false,
    uniqueKeys: true,
    // YAML 1.2 core schema: `yes`/`no` stay strings and dates stay text.
    version: '1.2',
  });
  // After the first few syntax errors the rest are mostly echoes of them.
  const yamlProblems = [
    ...document.errors.map(error => ({ error, severity: 'error' as const })),
    ...document.warnings.map(error => ({
      error,
      severity: 'warning' as const,
    })),
  ].slice(0, MAX_SYNTAX_DIAGNOSTICS);
  const diagnostics: ProjectDiagnostic[] = yamlProblems.map(
    ({ error, severity }) => {
      const { start, end, message } = locateYamlError(text, error);
      return diagnostic({ code: 'yaml-syntax', message, severity }, start, end);
    },
  );
  if (document.errors.length)
    return { diagnostics: sortDiagnostics(diagnostics) };

  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // toJS throws only for alias abuse (ReferenceError / excessive aliases).
    diagnostics.push(
      diagnostic(
        {
          code: 'yaml-syntax',
          message: `cannot read the YAML: ${(error as Error).message}`,
        },
        0,
        0,
      ),
    );
    return { diagnostics: sortDiagnostics(diagnostics) };
  }

  const basicLocator = new YamlLocator(document, text);
  if (!isRecord(data)) {
    const { start, end } = basicLocator.locate([]);
    diagnostics.push(
      diagnostic(
        {
          code: 'invalid-value',
          message: `a ${kind} file must be a YAML mapping with "formatVersion" and "name" keys`,
        },
        start,
        end,
      ),
    );
    return { diagnostics: sortDiagnostics(diagnostics) };
  }

  const checked = checkProjectData(kind, data);
  const locator = checked.migrations.length
    ? new YamlLocator(document, text, formerKeys(checked.migrations))
    : basicLocator;
  const report = (issue: ProjectIssue) => {
    const { start, end } = locator.locate(
      issue.path,
      issue.target,
      issue.within,
    );
    diagnostics.push(diagnostic(issue, start, end));
  };
  checked.issues.forEach(report);
  if (checked.valid) {
    const expected = nameFromFileName(kind, fileName);
    const name = (checked.data as { name?: string }).name;
    if (expected !== undefined && name !== expected) {
      report({
        path: ['name'],
        code: 'name-mismatch',
        severity: 'warning',
        message: `name "${name}" differs from the file name "${expected}"; other files refer to it by name`,
      });
    }
  }
  const sorted = sortDiagnostics(diagnostics);
  const hasErrors = sorted.some(d => d.severity === 'error');
  return checked.valid && !hasErrors
    ? {
        value: checked.data as unknown as ProjectFileContent<K>,
        diagnostics: sorted,
      }
    : { diagnostics: sorted };
}

/**
 * The checks of a project file's data, whatever text it came from: the
 * migrations to the current format version (each reported as `info`),
 * the schema, then the checks across values (a pipeline's graph, a job's
 * tasks). What parsing a file reports, with paths instead of positions;
 * the preview API checks the pipeline an editor sends as JSON with it.
 */
export function checkProjectData(
  kind: ProjectFileKind,
  data: Record<string, unknown>,
): {
  /** The data migrated to the current format version. */
  readonly data: Record<string, unknown>;
  /** Whether the migrated data has the file format's shape. */
  readonly valid: boolean;
  readonly migrations: readonly ProjectFileMigration[];
  readonly issues: readonly ProjectIssue[];
} {
  const migration = migrateProjectData(kind, data);
  const issues: ProjectIssue[] = migration.applied.map(step => ({
    path: ['formatVersion'],
    code: 'migrated',
    severity: 'info',
    message: `migrated from format version ${step.from} to ${step.from + 1}: ${
      step.description
    }; save the file to write the current version`,
  }));
  const result = (valid: boolean) => ({
    data: migration.data,
    valid,
    migrations: migration.applied,
    issues,
  });
  if (migration.problem) {
    issues.push({
      path: ['formatVersion'],
      code: 'unsupported-version',
      message: migration.problem,
    });
    return result(false);
  }
  const schema = projectFileKinds[kind].schema;
  const valid = schema.check(migration.data, [], (issue: SchemaIssue) =>
    issues.push({ ...issue, code: issue.code ?? 'invalid-value' }),
  );
  if (valid) issues.push(...semanticChecks(kind, migration.data));
  return result(valid);
}

function semanticChecks(kind: ProjectFileKind, value: unknown): ProjectIssue[] {
  switch (kind) {
    case 'pipeline':
      return checkGraph(value as ProjectFileContents['pipeline']);
    case 'subgraph': {
      const subgraph = value as ProjectFileContents['subgraph'];
      return checkGraph(subgraph, {
        inputs: subgraph.inputs.map(input => input.name),
        outputs: subgraph.outputs.map(output => output.name),
      });
    }
    case 'job':
      return checkJob(value as ProjectFileContents['job']);
    case 'test':
      return checkTestFile(value as ProjectFileContents['test']);
    default:
      return [];
  }
}

function formerKeys(
  applied: readonly ProjectFileMigration[],
): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const step of applied) {
    for (const [current, former] of Object.entries(step.renamedKeys ?? {})) {
      map.set(current, [...(map.get(current) ?? []), former]);
    }
  }
  return map;
}

/** File order, so that editors and terminals list problems top to bottom. */
function sortDiagnostics(
  diagnostics: ProjectDiagnostic[],
): ProjectDiagnostic[] {
  return diagnostics
    .map((d, index) => ({ d, index }))
    .sort(
      (a, b) =>
        a.d.line - b.d.line || a.d.column - b.d.column || a.index - b.index,
    )
    .map(({ d }) => d);
}
