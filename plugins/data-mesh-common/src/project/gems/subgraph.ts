import { s } from '../schema/builder';
import { fileReference, IDENTIFIER } from '../schema/common';
import { defineGem } from './types';

/**
 * Runs a subgraph. Its ports are the inputs and outputs the subgraph file
 * declares, so they are checked when the project is resolved, not here.
 */
export const subgraphGem = defineGem({
  type: 'Subgraph',
  description: 'Runs a reusable subgraph (`subgraphs/<name>.subgraph.yaml`).',
  config: s.object({
    subgraph: fileReference(),
    parameters: s.optional(
      s
        .record(s.scalar(), IDENTIFIER)
        .describe(
          "Values of the subgraph's parameters: literals of their types, or `:name` for a parameter of the calling graph.",
        ),
    ),
  }),
  portsSummary: "the subgraph's input names → its output names",
  inputPorts: () => undefined,
  outputPorts: () => undefined,
});
