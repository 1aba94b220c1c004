import { Infer, s } from './builder';
import {
  columnDeclaration,
  fileName,
  formatVersion,
  identifier,
  parameterDeclaration,
} from './common';
import { graphShape } from './graph';

/**
 * Node id that stands for the subgraph's inputs in an edge's `from` (the
 * port is the input's name), and for its outputs in an edge's `to`.
 *
 * @public
 */
export const SUBGRAPH_INPUT_NODE = '$input';
/**
 * See {@link SUBGRAPH_INPUT_NODE}.
 *
 * @public
 */
export const SUBGRAPH_OUTPUT_NODE = '$output';

const port = () =>
  s.object({
    name: identifier(),
    description: s.optional(s.string()),
    schema: s.array(columnDeclaration()),
  });

/** `subgraphs/<name>.subgraph.yaml`: a reusable graph with typed ports. */
export const subgraphFileSchema = s.object({
  formatVersion: formatVersion(),
  name: fileName(),
  description: s.optional(s.string()),
  inputs: s.array(port(), { minItems: 1 }),
  outputs: s.array(port(), { minItems: 1 }),
  parameters: s.optional(s.array(parameterDeclaration())),
  ...graphShape,
});

/**
 * The content of a subgraph file.
 *
 * @public
 */
export type SubgraphFile = Infer<typeof subgraphFileSchema>;
