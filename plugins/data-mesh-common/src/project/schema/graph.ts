import { gemDefinitions } from '../gems';
import { Infer, ObjectSchema, s } from './builder';
import { identifier } from './common';

/**
 * The type of {@link gemDefinitions}: each gem type's definition.
 *
 * @public
 */
export type GemDefinitions = typeof gemDefinitions;

/**
 * The gem type names.
 *
 * @public
 */
export type GemType = keyof GemDefinitions;

function nodeSchema<T extends GemType>(type: T) {
  return s.object({
    id: identifier().describe('Unique within the graph; edges refer to it.'),
    type: s.literal(type),
    label: s.optional(s.string().describe('The name shown on the canvas.')),
    position: s
      .object({ x: s.number(), y: s.number() })
      .describe('Where the editor draws the node; irrelevant to the compiler.'),
    config: gemDefinitions[type].config as GemDefinitions[T]['config'],
  });
}

type NodeVariants = { [T in GemType]: ReturnType<typeof nodeSchema<T>> };

function nodeVariants(): NodeVariants {
  const variants: Record<string, ObjectSchema<any>> = {};
  for (const type of Object.keys(gemDefinitions) as GemType[]) {
    variants[type] = nodeSchema(type);
  }
  return variants as NodeVariants;
}

/** A gem on the canvas, discriminated on `type`. */
export const nodeSchemaUnion = s.union('type', nodeVariants());

/** One end of an edge: a node and one of its ports. */
export const endpointSchema = s.object({
  node: s.string({ minLength: 1 }),
  port: identifier(),
});

/** A connection from an output port to an input port. */
export const edgeSchema = s.object({
  from: endpointSchema,
  to: endpointSchema,
});

/** The graph part shared by pipelines and subgraphs. */
export const graphShape = {
  nodes: s.array(nodeSchemaUnion),
  edges: s.array(edgeSchema),
};

/**
 * A gem node of a pipeline or subgraph.
 *
 * @public
 */
export type PipelineNode = Infer<typeof nodeSchemaUnion>;
/**
 * An edge of a pipeline or subgraph.
 *
 * @public
 */
export type PipelineEdge = Infer<typeof edgeSchema>;
/**
 * The config of the gem type `T`.
 *
 * @public
 */
export type GemConfig<T extends GemType> = Infer<GemDefinitions[T]['config']>;
