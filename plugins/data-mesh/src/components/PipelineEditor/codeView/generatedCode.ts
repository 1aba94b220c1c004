import {
  compileProject,
  GeneratedProjectFile,
} from '@meshwork/data-mesh-common';
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

function generate(
  projectFiles: readonly DraftProjectFile[],
  path: string,
  text: string,
): readonly GeneratedProjectFile[] {
  const files = projectFiles.filter(f => f.path !== path);
  files.push({ path, text });
  return compileProject(files).files;
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
}): GeneratedFileVersions[] {
  const { projectFiles, path, pipeline } = options;
  const draft = generate(projectFiles, path, options.draftText);
  const committed =
    options.committedText === options.draftText
      ? draft
      : generate(projectFiles, path, options.committedText);
  const byPath = new Map<string, { draft?: string; committed?: string }>();
  for (const file of draft) {
    if (isPipelineCode(file.path, pipeline)) {
      byPath.set(file.path, { draft: file.content });
    }
  }
  for (const file of committed) {
    if (isPipelineCode(file.path, pipeline)) {
      byPath.set(file.path, {
        ...byPath.get(file.path),
        committed: file.content,
      });
    }
  }
  const order = (p: string) => {
    const index = CODE_FIRST.findIndex(ext => p.endsWith(ext));
    return index < 0 ? CODE_FIRST.length : index;
  };
  return [...byPath]
    .map(([filePath, versions]) => ({ path: filePath, ...versions }))
    .sort(
      (a, b) =>
        order(a.path) - order(b.path) ||
        (a.path < b.path ? -1 : Number(a.path > b.path)),
    );
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
