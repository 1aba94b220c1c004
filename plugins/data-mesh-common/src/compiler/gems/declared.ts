import { SqlTypes } from '../../expression';
import { passThrough, sameName } from './columns';
import type { GemPropagator, NodeOf, OutputColumn } from './gem';
import { checkColumnExists } from './reformat';
import { declaredType } from './source';

/**
 * SQL: the declared schema. The compiler cannot see inside the query, so
 * each column's lineage is every input column (an over-approximation,
 * marked opaque) rather than a guess.
 */
export const propagateSql: GemPropagator<NodeOf<'SQL'>> = env => {
  const { inputs, schema } = env.node.config;
  const reads = inputs.flatMap((_, i) =>
    (env.inputs[`in${i}`]?.columns ?? []).map(c => ({
      port: `in${i}`,
      column: c.name,
    })),
  );
  const output: OutputColumn[] = schema.map((column, index) => ({
    name: column.name,
    type: declaredType(
      env,
      column.type,
      ['schema', index, 'type'],
      `column "${column.name}"`,
    ),
    formula: column.name,
    reads,
    opaque: true,
  }));
  return { out: output };
};

/**
 * Mask: the masked column keeps its type, except hash and encrypt, which
 * produce strings. The formula is the node's Spark template when it has
 * one; otherwise `mask_<method>(column)` stands for the platform template.
 */
export const propagateMask: GemPropagator<NodeOf<'Mask'>> = env => {
  const input = env.inputs.in;
  const { column, method, template } = env.node.config;
  checkColumnExists(env, input, column, ['column']);
  const toString = method === 'hash' || method === 'encrypt';
  return {
    out: passThrough(input).map(c =>
      sameName(c.name, column)
        ? {
            ...c,
            type: toString ? SqlTypes.string : c.type,
            formula: template?.spark
              ? template.spark.split('{{column}}').join(c.name)
              : `mask_${method}(${c.name})`,
          }
        : c,
    ),
  };
};
