import { SQL_DIALECT_NAMES } from '../../dialect';
import { SqlTypes } from '../../expression';
import { checkSqlGem, PARSER_NOT_LOADED } from '../sqlGem/analyzeSqlGem';
import { checkMaskTemplate } from '../sqlGem/maskTemplate';
import { sqlGemLineage } from '../sqlGem/sqlGemLineage';
import { passThrough, sameName } from './columns';
import type { GemPropagator, NodeOf, OutputColumn } from './gem';
import { checkColumnExists } from './reformat';
import { declaredType } from './source';

/**
 * SQL: the declared schema, once the query is checked (see
 * `analyzeSqlGem`: one query that reads only the gem's inputs). Each
 * column's lineage comes from the parser's analysis of the query; where
 * that is not certain, it is every input column (an over-approximation,
 * marked opaque) rather than a guess, so that PII masking errs on the
 * safe side.
 */
export const propagateSql: GemPropagator<NodeOf<'SQL'>> = env => {
  const { inputs, schema, sql } = env.node.config;
  const checked = checkSqlGem(sql, inputs);
  const problems = checked?.problems ?? [
    { code: 'internal-error' as const, message: PARSER_NOT_LOADED },
  ];
  for (const problem of problems) {
    env.report({
      severity: 'error',
      code: problem.code,
      field: ['sql'],
      message: problem.message,
      ...(problem.location && { expression: problem.location }),
    });
  }
  const ports = inputs.map((name, i) => ({
    name,
    port: `in${i}`,
    columns: env.inputs[`in${i}`]?.columns ?? [],
  }));
  const everything = ports.flatMap(input =>
    input.columns.map(c => ({ port: input.port, column: c.name })),
  );
  const traced = checked?.query
    ? sqlGemLineage(
        checked,
        ports,
        schema.map(c => c.name),
      )
    : [];
  const output: OutputColumn[] = schema.map((column, index) => {
    const lineage = traced[index];
    return {
      name: column.name,
      type: declaredType(
        env,
        column.type,
        ['schema', index, 'type'],
        `column "${column.name}"`,
      ),
      formula: lineage?.formula ?? column.name,
      reads: lineage?.reads ?? everything,
      ...(!lineage && { opaque: true }),
    };
  });
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
  // A node's own template is the author's SQL: checked like a SQL gem's.
  for (const dialect of SQL_DIALECT_NAMES) {
    const text = template?.[dialect];
    if (text === undefined) continue;
    for (const problem of checkMaskTemplate(text, dialect)) {
      env.report({
        severity: 'error',
        code: problem.code,
        field: ['template', dialect],
        message: problem.message,
        ...(problem.location && { expression: problem.location }),
      });
    }
  }
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
