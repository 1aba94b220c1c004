import { compileProject, StandardsLibrary } from '@meshwork/data-mesh-common';
import { diffLines } from 'diff';
import type { DraftProjectFile } from '../draftCheck';

/** One generated file of the pipeline, as the draft and the last commit have it. */
export interface GeneratedFileVersions {
  readonly path: string;
  /** Absent when the version does not compile, or does not produce the file. */
  readonly draft?: string;
  readonly committed?: string;
}

/** The generated code first, SQL before Python; the bundle after. */
const CODE_FIRST = ['.sql', '.py'];

/** A line of a diff: as both have it, only in the draft, or only committed. */
export interface DiffLine {
  readonly kind: 'same' | 'added' | 'removed';
  readonly text: string;
}

/**
 * The files compiling the pipeline produces that a reviewer reads with it:
 * its Spark SQL and PySpark, and the bundle (`databricks.yml`, the jobs'
 * `resources/*.yml`). The manifest is left out: it is for machines.
 */
function isPipelineCode(path: string, pipeline: string): boolean {
  return (
    path === `generated/sql/${pipeline}.sql` ||
    path === `generated/python/${pipeline}.py` ||
    path === 'databricks.yml' ||
    path.startsWith('resources/')
  );
}

/** A pipeline's generated code (see {@link isPipelineCode}) for one version of its file, by path. */
export function generatePipelineCode(options: {
  projectFiles: readonly DraftProjectFile[];
  path: string;
  pipeline: string;
  text: string;
  /** The standards library the project pins. */
  standards?: StandardsLibrary;
}): ReadonlyMap<string, string> {
  const files = options.projectFiles.filter(f => f.path !== options.path);
  files.push({ path: options.path, text: options.text });
  const { standards } = options;
  return new Map(
    compileProject(files, standards ? { standards } : {})
      .files.filter(f => isPipelineCode(f.path, options.pipeline))
      .map(f => [f.path, f.content]),
  );
}

/** The two versions' code side by side, file by file, SQL first. */
export function pairVersions(
  draft: ReadonlyMap<string, string>,
  committed: ReadonlyMap<string, string>,
): GeneratedFileVersions[] {
  const paths = [...new Set([...draft.keys(), ...committed.keys()])];
  const order = (p: string) => {
    const index = CODE_FIRST.findIndex(ext => p.endsWith(ext));
    return index < 0 ? CODE_FIRST.length : index;
  };
  return paths
    .sort((a, b) => order(a) - order(b) || (a < b ? -1 : Number(a > b)))
    .map(path => ({
      path,
      ...(draft.has(path) && { draft: draft.get(path) }),
      ...(committed.has(path) && { committed: committed.get(path) }),
    }));
}

/**
 * The generated code of the pipeline for the draft and for the last
 * commit, file by file, SQL first.
 */
export function generatedCodeVersions(options: {
  projectFiles: readonly DraftProjectFile[];
  path: string;
  pipeline: string;
  draftText: string;
  committedText: string;
  standards?: StandardsLibrary;
}): GeneratedFileVersions[] {
  const { draftText, committedText, ...project } = options;
  const draft = generatePipelineCode({ ...project, text: draftText });
  const committed =
    committedText === draftText
      ? draft
      : generatePipelineCode({ ...project, text: committedText });
  return pairVersions(draft, committed);
}

/** The lines of `draft` with those the last commit had instead, in order. */
export function diffOf(committed: string, draft: string): DiffLine[] {
  return diffLines(committed, draft).flatMap(change => {
    let kind: DiffLine['kind'] = 'same';
    if (change.added) kind = 'added';
    else if (change.removed) kind = 'removed';
    return change.value
      .replace(/\n$/, '')
      .split('\n')
      .map(text => ({ kind, text }));
  });
}
