import {
  compileProject,
  isGeneratedProjectPath,
  LoadProjectOptions,
  ProjectCompilerDiagnostic,
  ProjectSourceFile,
} from '@meshwork/data-mesh-common';

/** A file to write (`content`) or remove (`content: null`), by its project path. */
export interface ProjectFileChange {
  readonly path: string;
  readonly content: string | null;
}

/** What {@link projectChanges} found. */
export interface ProjectChanges {
  /** Every diagnostic of the project as it would be. */
  readonly diagnostics: readonly ProjectCompilerDiagnostic[];
  /**
   * The edited files and the generated files (code, bundle, manifest) that
   * differ from `files`, sorted by path; empty when the project has errors.
   */
  readonly changes: readonly ProjectFileChange[];
}

/**
 * The changes that make a project hold the edited source files with its
 * generated files up to date, as `meshwork compile` would leave it:
 * generated files written where they differ, and removed where no pipeline
 * or job produces them any more. Pure: nothing is read or written.
 *
 * @param files - the project's files now, generated ones included
 * @param edited - source files to write (text) or remove (null), by path
 * @param options - the standards library the project pins, see
 *   {@link projectSources} and `StandardsLibraries.compileOptions`
 */
export function projectChanges(
  files: readonly ProjectSourceFile[],
  edited: ReadonlyMap<string, string | null> = new Map(),
  options: LoadProjectOptions = {},
): ProjectChanges {
  const current = new Map(files.map(f => [f.path, f.text]));
  const compiled = compileProject(projectSources(files, edited), options);
  if (compiled.diagnostics.some(d => d.severity === 'error')) {
    return { diagnostics: compiled.diagnostics, changes: [] };
  }
  const wanted = new Map<string, string | null>(edited);
  for (const file of compiled.files) wanted.set(file.path, file.content);
  for (const path of current.keys()) {
    if (isGeneratedProjectPath(path) && !wanted.has(path)) {
      wanted.set(path, null);
    }
  }
  const changes = [...wanted]
    .filter(([path, content]) => (current.get(path) ?? null) !== content)
    .map(([path, content]) => ({ path, content }))
    .sort((a, b) => (a.path < b.path ? -1 : Number(a.path > b.path)));
  return { diagnostics: compiled.diagnostics, changes };
}

/** The source files of a project with the edits applied, generated files left out. */
export function projectSources(
  files: readonly ProjectSourceFile[],
  edited: ReadonlyMap<string, string | null> = new Map(),
): ProjectSourceFile[] {
  const sources: ProjectSourceFile[] = files.filter(
    f => !isGeneratedProjectPath(f.path) && !edited.has(f.path),
  );
  for (const [path, text] of edited) {
    if (text !== null) sources.push({ path, text });
  }
  return sources;
}
