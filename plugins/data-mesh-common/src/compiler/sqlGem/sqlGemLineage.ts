import { ColumnSchema, formatSqlType } from '../../expression';
import type { PortColumnRef } from '../gems/gem';
import type { CheckedSqlGem } from './analyzeSqlGem';
import { astKind, AstObject, isAstObject, payloadOf } from './sqlAst';
import { loadedSqlParser, SqlParser } from './sqlParser';

/** One input of a SQL gem: the name the query uses, its port and columns. */
export interface SqlGemInput {
  readonly name: string;
  readonly port: string;
  readonly columns: readonly ColumnSchema[];
}

/** Where one declared output column of a SQL gem comes from. */
export interface SqlGemColumnLineage {
  /** The input columns its expression reads (not those read only to filter or join). */
  readonly reads: readonly PortColumnRef[];
  /** Its expression in the query, in Spark SQL. */
  readonly formula: string;
}

/**
 * Constructs whose column flow the projection analysis may not follow
 * (rows made from arrays or turned into columns): the lineage of a query
 * using them stays opaque.
 */
const UNCERTAIN_KINDS = new Set([
  'pivot',
  'unpivot',
  'unnest',
  'explode',
  'explode_outer',
  'lateral',
  'values',
]);

type Projection = {
  readonly index: number;
  readonly name?: string;
  readonly isStar: boolean;
  readonly upstream: ReadonlyArray<{
    readonly sourceKind: string;
    readonly sourceName?: string;
    readonly table?: string;
    readonly column: string;
    readonly confidence: string;
  }>;
};

const cache = new Map<string, readonly Projection[] | undefined>();
const CACHE_SIZE = 500;

/**
 * The lineage of each declared output column of a checked SQL gem, from
 * the parser's projection analysis of its query over the input schemas:
 * the output column of the same name, and the input columns it reads.
 *
 * An entry is undefined wherever the analysis is not certain (no single
 * output column of that name, a column it could not resolve to an input,
 * an unexpanded star, rows built from arrays or pivots); the caller then
 * falls back to every input column, so that PII masking, which follows
 * lineage, errs on the safe side.
 */
export function sqlGemLineage(
  checked: CheckedSqlGem,
  inputs: readonly SqlGemInput[],
  declared: readonly string[],
): ReadonlyArray<SqlGemColumnLineage | undefined> {
  const parser = loadedSqlParser();
  const { query, statement } = checked;
  if (!parser || !query || containsUncertain(parser, statement)) {
    return declared.map(() => undefined);
  }
  const projections = analyzeProjections(parser, query.spark, inputs);
  if (!projections) return declared.map(() => undefined);
  const formulas = selectFormulas(parser, statement);
  const byInput = new Map(inputs.map(i => [i.name.toLowerCase(), i]));

  return declared.map(name => {
    const matching = projections.filter(
      p => p.name?.toLowerCase() === name.toLowerCase(),
    );
    if (matching.length !== 1 || matching[0].isStar) return undefined;
    const [projection] = matching;
    const reads: PortColumnRef[] = [];
    for (const ref of projection.upstream) {
      const input =
        ref.confidence === 'resolved' && ref.sourceKind === 'table'
          ? byInput.get((ref.table ?? ref.sourceName ?? '').toLowerCase())
          : undefined;
      const column = input?.columns.find(
        c => c.name.toLowerCase() === ref.column.toLowerCase(),
      );
      if (!input || !column) return undefined;
      if (!reads.some(r => r.port === input.port && r.column === column.name)) {
        reads.push({ port: input.port, column: column.name });
      }
    }
    const formula = formulas?.[projection.index];
    if (formula === undefined) {
      // Without the expression, an empty upstream cannot be told from a miss.
      if (reads.length === 0) return undefined;
      return { reads, formula: reads.length === 1 ? reads[0].column : name };
    }
    if (reads.length === 0 && formula.references) return undefined;
    return { reads, formula: formula.sql };
  });
}

function analyzeProjections(
  parser: SqlParser,
  sql: string,
  inputs: readonly SqlGemInput[],
): readonly Projection[] | undefined {
  const schema = {
    tables: inputs.map(input => ({
      name: input.name,
      columns: input.columns.map(c => ({
        name: c.name,
        type: formatSqlType(c.type),
      })),
    })),
  };
  const key = `${JSON.stringify(schema)}\u0001${sql}`;
  if (cache.has(key)) return cache.get(key);
  const result = parser.analyzeQuery(sql, {
    dialect: parser.Dialect.Spark,
    schema,
  });
  const projections =
    result.success && result.analysis
      ? (result.analysis.projections as unknown as Projection[])
      : undefined;
  cache.set(key, projections);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return projections;
}

/**
 * The Spark SQL of each select list item of a plain SELECT without stars
 * (by output position), and whether it reads any column; undefined for
 * set operations and stars, whose positions do not map to the list.
 */
function selectFormulas(
  parser: SqlParser,
  statement: unknown,
): Array<{ sql: string; references: boolean }> | undefined {
  let node = statement;
  let kind = astKind(parser, node);
  while (kind === 'subquery') {
    node = payloadOf(node, kind).this;
    kind = astKind(parser, node);
  }
  if (kind !== 'select') return undefined;
  const items = payloadOf(node, kind).expressions;
  if (!Array.isArray(items)) return undefined;
  const formulas: Array<{ sql: string; references: boolean }> = [];
  for (const item of items) {
    const itemKind = astKind(parser, item);
    if (itemKind === 'star' || itemKind === undefined) return undefined;
    const expression =
      itemKind === 'alias' ? payloadOf(item, itemKind).this : item;
    const generated = parser.generate([expression], parser.Dialect.Spark);
    if (!generated.success || generated.sql?.length !== 1) return undefined;
    formulas.push({
      sql: generated.sql[0],
      references: containsKind(parser, expression, new Set(['column', 'star'])),
    });
  }
  return formulas;
}

function containsUncertain(parser: SqlParser, statement: unknown): boolean {
  let found = false;
  const walk = (value: unknown) => {
    if (found) return;
    if (Array.isArray(value)) {
      value.forEach(walk);
      return;
    }
    if (!isAstObject(value)) return;
    const kind = astKind(parser, value);
    if (kind && UNCERTAIN_KINDS.has(kind)) {
      found = true;
      return;
    }
    const lateral = (value as AstObject).lateral_views;
    if (Array.isArray(lateral) && lateral.length > 0) {
      found = true;
      return;
    }
    Object.values(value).forEach(walk);
  };
  walk(statement);
  return found;
}

function containsKind(
  parser: SqlParser,
  value: unknown,
  kinds: ReadonlySet<string>,
): boolean {
  if (Array.isArray(value))
    return value.some(v => containsKind(parser, v, kinds));
  if (!isAstObject(value)) return false;
  const kind = astKind(parser, value);
  if (kind && kinds.has(kind)) return true;
  return Object.values(value).some(v => containsKind(parser, v, kinds));
}
