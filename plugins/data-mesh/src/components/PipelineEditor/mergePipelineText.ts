import { merge } from 'node-diff3';

/**
 * A three-way merge of a pipeline file, line by line: the user's edit and
 * the branch's newer version, both made from `base`. Where both changed the
 * same lines, the result holds git-style conflict markers for the user to
 * resolve.
 */
export function mergePipelineText(versions: {
  base: string;
  theirs: string;
  yours: string;
}): { text: string; conflict: boolean } {
  const lines = (text: string) => text.split('\n');
  const result = merge<string>(
    lines(versions.yours),
    lines(versions.base),
    lines(versions.theirs),
    {
      excludeFalseConflicts: true,
      label: { a: 'yours', o: 'base', b: 'theirs' },
    },
  );
  return { text: result.result.join('\n'), conflict: result.conflict };
}
