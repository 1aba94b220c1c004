import type { SqlDialectName } from '../../dialect';
import { quoteIdentifier } from '../../expression';
import type { PipelineNode } from '../../project';
import { CodegenProblem } from './codegenProblem';
import { tableName } from './gems';
import { indent, selectList } from './text';

/** A gem's CTE: named after its node, its body the gem's SELECT. */
export interface Cte {
  readonly id: string;
  readonly lines: readonly string[];
}

/**
 * `WITH <one CTE per gem, in graph order> SELECT <columns> FROM <last>`:
 * the query of a Target's statement and of a preview alike. `items`, when
 * given, is the select list written instead of the bare columns (a
 * Target's casts).
 */
export function cteQuery(
  ctes: readonly Cte[],
  columns: readonly string[],
  last: string,
  dialect: SqlDialectName,
  items?: readonly string[],
): string[] {
  const q = (name: string) => quoteIdentifier(name, dialect);
  return [
    ...ctes.flatMap(({ id, lines }, i) => [
      `${i === 0 ? 'WITH ' : ''}${q(id)} AS (`,
      ...indent(lines),
      i < ctes.length - 1 ? '),' : ')',
    ]),
    ...selectList(items ?? columns.map(q)),
    `FROM ${q(last)}`,
  ];
}

/**
 * Throws when a Source reads a table whose unqualified name is the name
 * of an earlier CTE of the same query, which would be read instead.
 */
export function checkSourcesVisible(
  ctes: readonly Cte[],
  nodes: ReadonlyMap<string, PipelineNode>,
  dialect: SqlDialectName,
  tables: ((dataset: string) => string) | undefined,
): void {
  ctes.forEach(({ id }, index) => {
    const node = nodes.get(id);
    if (node?.type !== 'Source') return;
    const read = tableName(node.config, dialect, tables);
    const shadow = ctes
      .slice(0, index)
      .find(
        c =>
          quoteIdentifier(c.id, dialect).toLowerCase() === read.toLowerCase(),
      );
    if (shadow) {
      throw new CodegenProblem(
        `Source "${id}" reads table ${read}, which the CTE of node "${shadow.id}" would hide; qualify the table (schema.table) or rename the node`,
        'not-supported',
        [],
        id,
      );
    }
  });
}
