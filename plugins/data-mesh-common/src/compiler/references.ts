import { suggestNames } from '../expression';
import type { PathSegment, PipelineNode } from '../project';

/** The names a project's files declare, by kind of file. */
export interface ProjectNames {
  readonly datasets: Iterable<string>;
  readonly rules: Iterable<string>;
  readonly subgraphs: Iterable<string>;
}

/** A dataset, rule or subgraph named by a gem that the project does not have. */
export interface UnknownReference {
  readonly path: readonly PathSegment[];
  readonly message: string;
}

/** ` (did you mean "x"?)` for a name that is not among `known`, or nothing. */
export function didYouMean(name: string, known: Iterable<string>): string {
  const [suggestion] = suggestNames(name, known, 1);
  return suggestion ? ` (did you mean "${suggestion}"?)` : '';
}

/**
 * The datasets, rules and subgraphs that the gems of a graph name and the
 * project does not have, each at the gem's field that names it. Checked
 * before a pipeline is compiled, by `meshwork validate` and the preview
 * alike: a pipeline with one is not compiled further, so that the missing
 * file is reported once rather than through everything that reads it.
 */
export function unknownReferences(
  nodes: readonly PipelineNode[],
  names: ProjectNames,
): UnknownReference[] {
  const known = {
    dataset: new Set(names.datasets),
    rule: new Set(names.rules),
    subgraph: new Set(names.subgraphs),
  };
  const found: UnknownReference[] = [];
  nodes.forEach((node, index) => {
    let reference: [keyof typeof known, string | undefined];
    if (node.type === 'Source' || node.type === 'Target') {
      reference = ['dataset', node.config.dataset];
    } else if (node.type === 'BusinessRule') {
      reference = ['rule', node.config.rule];
    } else if (node.type === 'Subgraph') {
      reference = ['subgraph', node.config.subgraph];
    } else {
      return;
    }
    const [what, name] = reference;
    if (name === undefined || known[what].has(name)) return;
    found.push({
      path: ['nodes', index, 'config', what],
      message: `no ${what} "${name}" in the project${didYouMean(
        name,
        known[what],
      )}`,
    });
  });
  return found;
}
