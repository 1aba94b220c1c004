import { defaultFunctionCatalogue, suggestNames } from '../../expression';
import {
  AstObject,
  astKind,
  CodePointSpan,
  identifierName,
  identifierSpan,
  isAstObject,
  payloadOf,
} from './sqlAst';
import type { SqlParser } from './sqlParser';

/**
 * Where a problem is in the SQL text. The parser gives positions to
 * identifiers only, so a function call is found among the tokens by name
 * (its `occurrence`-th call, counting in source order), and a statement by
 * its first token.
 */
export type ProblemAnchor =
  | { readonly span: CodePointSpan }
  | { readonly token: string; readonly occurrence: number }
  | { readonly statement: number };

/** A problem of a SQL gem's query, before it has a line and column. */
export interface SqlProblem {
  readonly code: 'invalid-sql' | 'sql-not-allowed';
  /** The finer reason, for `ExpressionLocation.code`. */
  readonly reason: string;
  readonly message: string;
  readonly anchor: ProblemAnchor;
  readonly suggestions?: readonly string[];
}

/** What the query reads and contains, to compare it with the generated code. */
export interface QueryFacts {
  /** Every table reference, lower case, qualified as written. */
  readonly tables: string[];
  /** The names of calls the parser does not know (`function` nodes), lower case. */
  readonly functions: Set<string>;
  /** The values of the string literals, in order. */
  readonly strings: string[];
}

/** Whether a function the parser does not know is in the function catalogue. */
export const inCatalogue = (name: string) =>
  defaultFunctionCatalogue.lookup(name) !== undefined;

/** The catalogue's names, for suggestions. */
export const catalogueNames = () => defaultFunctionCatalogue.names();

/** The statement kinds a SQL gem may be. */
const QUERY_KINDS = new Set(['select', 'union', 'intersect', 'except']);

/** Named calls whose name the parser does not know: the function catalogue decides. */
const NAMED_CALLS = new Set(['function', 'aggregate_function']);

/** What may stand in FROM or JOIN besides a table: subqueries and row producers over values. */
const FROM_ITEMS = new Set(['subquery', 'values', 'unnest', 'explode']);

/** The generators a LATERAL VIEW may use: they expand a column, they read nothing. */
const LATERAL_VIEW_GENERATORS = new Set(['explode', 'explode_outer']);

/**
 * Node kinds a SQL gem may not contain anywhere: statements other than a
 * query, and expressions that run commands or scripts, read files, stages,
 * models or session state, take parameters, or call functions by a name
 * outside the catalogue's reach (qualified, user-defined or anonymous).
 * Everything else the parser knows is an ordinary expression.
 */
const DENIED_KINDS = new Set([
  // statements and their clauses
  'insert',
  'update',
  'delete',
  'merge',
  'when',
  'whens',
  'copy',
  'put',
  'get',
  'truncate',
  'truncate_table',
  'use',
  'cache',
  'uncache',
  'load_data',
  'pragma',
  'grant',
  'revoke',
  'comment',
  'set',
  'set_statement',
  'set_item',
  'describe',
  'show',
  'command',
  'kill',
  'prepare',
  'execute',
  'create_task',
  'refresh',
  'locking_statement',
  'clone',
  'attach',
  'detach',
  'install',
  'summarize',
  'declare',
  'declare_item',
  'query_band',
  'undrop',
  'split_table',
  'flashback_table',
  'export',
  'transaction',
  'commit',
  'rollback',
  'alter_session',
  'analyze',
  'add_partition',
  'drop_partition',
  'replace_partition',
  'return_stmt',
  'for_in',
  'try_catch',
  'into_clause',
  'returning',
  'on_conflict',
  'conditional_insert',
  'multitable_inserts',
  // syntax that reads or runs something other than the query's tables
  'raw',
  'query_transform',
  'pipe_operator',
  'stream',
  'changes',
  'using_data',
  'stage_reference',
  'directory',
  'credentials',
  'copy_parameter',
  'heredoc',
  'sql_comment',
  'semantic_view',
  'xml_namespace',
  'read_c_s_v',
  'read_parquet',
  'to_file',
  'predict',
  'm_l_translate',
  'm_l_forecast',
  'features_at_time',
  'generate_embedding',
  'vector_search',
  'model_attribute',
  'a_i_agg',
  'a_i_classify',
  'next_value_for',
  'session_parameter',
  'var',
  'parameter',
  'placeholder',
  'method_call',
  'scope_resolution',
  'user_defined_function',
  'table_argument',
  'anonymous',
  'anonymous_agg_func',
  'combined_agg_func',
  'parameterized_agg',
  'combined_parameterized_agg',
  'apply',
]);

/** Prefixes of statement kinds (`create_table`, `drop_view`, `alter_index`, …). */
const DENIED_PREFIXES = ['create_', 'drop_', 'alter_', 'analyze_'];

function isDenied(kind: string): boolean {
  return (
    DENIED_KINDS.has(kind) || DENIED_PREFIXES.some(p => kind.startsWith(p))
  );
}

/** `create_table` → `CREATE TABLE`, as the author wrote it. */
export function kindKeyword(kind: string): string {
  return kind
    .replace(/_statement$/, '')
    .replace(/_/g, ' ')
    .toUpperCase();
}

/** The words that locate a denied node best: its keyword, where there is one. */
const DENIED_TOKENS: Record<string, string> = {
  query_transform: 'TRANSFORM',
  into_clause: 'INTO',
  pipe_operator: '|>',
};

/** What {@link QueryChecker} needs to know about the gem. */
export interface CheckOptions {
  /** The names the query may read: the gem's inputs. */
  readonly inputs: readonly string[];
  /** Whether a call of a function the parser does not know is allowed. */
  readonly allowFunction: (name: string) => boolean;
  /** The names of the allowed functions, for suggestions. */
  readonly functionNames: () => readonly string[];
  /**
   * The characters (code points) of the SQL text the statement was parsed
   * from: a table name in string quotes (`'x.csv'`, `"x.csv"` in Spark) is
   * refused, since DuckDB reads such a name as a file. Left out when
   * checking generated code, whose double quotes are identifiers.
   */
  readonly characters?: readonly string[];
}

/**
 * Walks one statement of the parser's AST and finds everything a SQL gem
 * may not do, collecting the {@link QueryFacts} on the way.
 *
 * Names are scoped as SQL scopes them: the CTEs of a WITH are visible in
 * the node that carries the WITH only, and a CTE's body sees the CTEs
 * before it (all of them under WITH RECURSIVE), so a CTE defined inside a
 * subquery does not make its name readable outside it.
 */
export class QueryChecker {
  readonly problems: SqlProblem[] = [];
  readonly facts: QueryFacts = {
    tables: [],
    functions: new Set(),
    strings: [],
  };
  private readonly scopes: Set<string>[] = [];
  private readonly calls = new Map<string, number>();
  private readonly inputs: ReadonlySet<string>;

  constructor(
    private readonly parser: SqlParser,
    private readonly options: CheckOptions,
    /** The index of the statement, to locate problems without a position. */
    private readonly statementIndex = 0,
  ) {
    this.inputs = new Set(options.inputs.map(name => name.toLowerCase()));
  }

  /** Checks a whole statement: it must be a query, and a harmless one. */
  checkStatement(statement: unknown): void {
    const kind = astKind(this.parser, statement);
    const query =
      kind === 'subquery'
        ? astKind(this.parser, payloadOf(statement, kind).this)
        : kind;
    if (query === undefined || !QUERY_KINDS.has(query)) {
      const what =
        kind === undefined || kind === 'alias' || kind === 'column'
          ? 'this is not a query'
          : `this is ${
              /^[AEIOU]/.test(kindKeyword(kind)) ? 'an' : 'a'
            } ${kindKeyword(kind)} statement`;
      this.report(
        'invalid-sql',
        'not-a-query',
        `a SQL gem holds one query (SELECT, UNION, INTERSECT or EXCEPT, optionally with WITH); ${what}`,
        { statement: this.statementIndex },
      );
      return;
    }
    this.visit(statement);
  }

  private report(
    code: SqlProblem['code'],
    reason: string,
    message: string,
    anchor: ProblemAnchor,
    suggestions?: readonly string[],
  ): void {
    this.problems.push({
      code,
      reason,
      message,
      anchor,
      ...(suggestions?.length && { suggestions }),
    });
  }

  private visit(value: unknown): void {
    if (Array.isArray(value)) {
      for (const item of value) this.visit(item);
      return;
    }
    if (!isAstObject(value)) return;
    const kind = astKind(this.parser, value);
    if (kind === undefined) {
      for (const field of Object.values(value)) this.visit(field);
      return;
    }
    const payload = value[kind];
    if (!isAstObject(payload)) {
      this.visit(payload);
      return;
    }
    if (isDenied(kind)) {
      this.deny(kind, payload);
      return;
    }
    this.inScopeOf(payload, () => this.visitPayload(kind, payload));
  }

  private deny(kind: string, payload: AstObject): void {
    let token = DENIED_TOKENS[kind];
    if (kind === 'parameter') token = payload.style === 'Colon' ? ':' : '?';
    const span = firstSpan(payload);
    let anchor: ProblemAnchor = { statement: this.statementIndex };
    if (token) anchor = { token, occurrence: this.occurrence(token) };
    else if (span) anchor = { span };
    const messages: Record<string, string> = {
      query_transform:
        'TRANSFORM … USING runs a script; a SQL gem may only query its inputs',
      parameter: 'a SQL gem may not use parameter markers',
      placeholder: 'a SQL gem may not use parameter markers',
      method_call: `a SQL gem may call functions by their plain name only (qualified names and method calls are refused)`,
      into_clause: 'a SQL gem may not write: SELECT … INTO is refused',
    };
    this.report(
      'sql-not-allowed',
      'not-allowed',
      messages[kind] ??
        `a SQL gem may only query its inputs; ${kindKeyword(
          kind,
        )} is not allowed`,
      anchor,
    );
  }

  /**
   * Runs `body` with the CTEs of `payload`'s WITH (if any) in scope, after
   * checking each CTE's body with the CTEs before it in scope.
   */
  private inScopeOf(payload: AstObject, body: () => void): void {
    const clause = payload.with;
    if (!isAstObject(clause) || !Array.isArray(clause.ctes)) {
      body();
      return;
    }
    const ctes = clause.ctes.filter(isAstObject);
    const names = ctes.map(c => (identifierName(c.alias) ?? '').toLowerCase());
    const recursive = clause.recursive === true;
    ctes.forEach((cte, index) => {
      this.scopes.push(new Set(recursive ? names : names.slice(0, index)));
      for (const [key, field] of Object.entries(cte)) {
        if (key !== 'alias') this.visit(field);
      }
      this.scopes.pop();
    });
    this.scopes.push(new Set(names));
    body();
    this.scopes.pop();
  }

  /** The fields of a payload other than its WITH (already visited). */
  private visitFields(payload: AstObject, skip: readonly string[] = []): void {
    for (const [key, field] of Object.entries(payload)) {
      if (key !== 'with' && !skip.includes(key)) this.visit(field);
    }
  }

  private visitPayload(kind: string, payload: AstObject): void {
    switch (kind) {
      case 'select':
        this.visitSelect(payload);
        return;
      case 'table':
        this.checkTable(payload);
        return;
      case 'literal':
        if (
          typeof payload.value === 'string' &&
          payload.literal_type !== 'number'
        ) {
          // An escape string's value keeps its prefix as written (`E:…`).
          this.facts.strings.push(
            payload.literal_type === 'escape_string'
              ? payload.value.replace(/^[eE]:/, '')
              : payload.value,
          );
        }
        return;
      default:
        if (NAMED_CALLS.has(kind)) {
          this.checkCall(payload);
          return;
        }
        this.visitFields(payload);
    }
  }

  private visitSelect(select: AstObject): void {
    if (Array.isArray(select.expressions) && select.expressions.length === 0) {
      // The parser accepts `SELECT` alone, which no engine runs.
      this.report('invalid-sql', 'syntax', 'the SELECT has no columns', {
        token: 'SELECT',
        occurrence: this.occurrence('SELECT'),
      });
    } else if (Array.isArray(select.expressions)) {
      this.occurrence('SELECT');
    }
    if (select.into !== null && select.into !== undefined) {
      this.report(
        'sql-not-allowed',
        'not-allowed',
        'a SQL gem may not write: SELECT … INTO is refused',
        { token: 'INTO', occurrence: this.occurrence('INTO') },
      );
    }
    for (const [key, field] of Object.entries(select)) {
      if (key === 'with' || key === 'into') continue;
      if (key === 'from' && isAstObject(field)) {
        for (const [fromKey, item] of Object.entries(field)) {
          if (fromKey === 'expressions' && Array.isArray(item)) {
            item.forEach(i => this.visitFromItem(i));
          } else this.visit(item);
        }
      } else if (key === 'joins' && Array.isArray(field)) {
        this.visitJoins(field);
      } else if (key === 'lateral_views' && Array.isArray(field)) {
        field.forEach(view => this.visitLateralView(view));
      } else {
        this.visit(field);
      }
    }
  }

  private visitJoins(joins: readonly unknown[]): void {
    for (const join of joins) {
      if (!isAstObject(join)) continue;
      this.visitFromItem(join.this);
      this.visitFields(join, ['this']);
    }
  }

  /** An item of FROM or JOIN: a table, a subquery or values, never a function. */
  private visitFromItem(item: unknown): void {
    const kind = astKind(this.parser, item);
    if (kind === undefined) {
      this.visit(item);
      return;
    }
    const payload = payloadOf(item, kind);
    if (kind === 'table' || FROM_ITEMS.has(kind) || isDenied(kind)) {
      this.visit(item);
    } else if (kind === 'alias' || kind === 'paren') {
      this.visitFromItem(payload.this);
      this.visitFields(payload, ['this']);
    } else if (kind === 'pivot' || kind === 'unpivot') {
      this.visitFromItem(payload.this);
      this.visitFields(payload, ['this']);
    } else if (kind === 'joined_table') {
      this.visitFromItem(payload.left);
      if (Array.isArray(payload.joins)) this.visitJoins(payload.joins);
      this.visitFields(payload, ['left', 'joins']);
    } else {
      const name = typeof payload.name === 'string' ? payload.name : undefined;
      const anchor: ProblemAnchor = name
        ? { token: name, occurrence: this.occurrence(name) }
        : firstSpanAnchor(payload, this.statementIndex);
      this.report(
        'sql-not-allowed',
        'table-function',
        `${this.readsOnly()}; ${
          name ? `\`${name}(…)\`` : kindKeyword(kind)
        } is a table function, which may read files or other tables`,
        anchor,
      );
      this.visitFields(payload, NAMED_CALLS.has(kind) ? ['name'] : []);
    }
  }

  private visitLateralView(view: unknown): void {
    if (!isAstObject(view)) return;
    const kind = astKind(this.parser, view.this);
    if (kind === undefined || !LATERAL_VIEW_GENERATORS.has(kind)) {
      const call = isAstObject(view.this)
        ? payloadOf(view.this, kind ?? '')
        : {};
      const name = typeof call.name === 'string' ? call.name : undefined;
      this.report(
        'sql-not-allowed',
        'table-function',
        `a LATERAL VIEW of a SQL gem may use explode or explode_outer only${
          name ? `, not \`${name}\`` : ''
        }`,
        name
          ? { token: name, occurrence: this.occurrence(name) }
          : firstSpanAnchor(view, this.statementIndex),
      );
      if (kind && NAMED_CALLS.has(kind)) {
        this.visitFields(call, ['name']);
        this.visitFields(view, ['this']);
        return;
      }
    }
    this.visitFields(view);
  }

  private readsOnly(): string {
    return `SQL gem may read only its inputs (${
      this.options.inputs.join(', ') || 'it has none'
    })`;
  }

  private checkTable(table: AstObject): void {
    const parts = [table.catalog, table.schema, table.name]
      .map(identifierName)
      .filter((p): p is string => p !== undefined);
    const written = parts.join('.');
    this.facts.tables.push(written.toLowerCase());
    const name = identifierName(table.name) ?? '';
    const first =
      identifierSpan(table.catalog) ??
      identifierSpan(table.schema) ??
      identifierSpan(table.name);
    const last = identifierSpan(table.name);
    const anchor: ProblemAnchor = first
      ? { span: { start: first.start, end: last?.end ?? first.end } }
      : { statement: this.statementIndex };
    const quote = first ? this.characterAt(first.start) : undefined;
    const scoped = this.scopes.some(s => s.has(name.toLowerCase()));
    if (parts.length > 1) {
      this.report(
        'sql-not-allowed',
        'table-not-input',
        `${this.readsOnly()}; \`${written}\` is not one of them`,
        anchor,
        this.suggestTables(name),
      );
    } else if (quote === "'" || quote === '"') {
      this.report(
        'sql-not-allowed',
        'file-name',
        `${this.readsOnly()}; ${quote}${name}${quote} is a string, which DuckDB reads as a file name`,
        anchor,
      );
    } else if (!scoped && !this.inputs.has(name.toLowerCase())) {
      this.report(
        'sql-not-allowed',
        'table-not-input',
        `${this.readsOnly()}; \`${written}\` is not one of them`,
        anchor,
        this.suggestTables(name),
      );
    }
    this.visitFields(table, ['name', 'schema', 'catalog']);
  }

  private suggestTables(name: string): string[] {
    const known = [
      ...this.options.inputs,
      ...this.scopes.flatMap(scope => [...scope]),
    ];
    return suggestNames(name, known, 3);
  }

  private checkCall(call: AstObject): void {
    const name = typeof call.name === 'string' ? call.name : '';
    const key = name.toLowerCase();
    this.facts.functions.add(key);
    const occurrence = this.occurrence(name);
    if (!this.options.allowFunction(key)) {
      this.report(
        'sql-not-allowed',
        'unknown-function',
        `a SQL gem may call only functions of the Meshwork function catalogue (see docs/expressions.md); \`${name}\` is not one of them`,
        { token: name, occurrence },
        suggestNames(name, this.options.functionNames(), 3),
      );
    }
    this.visitFields(call, ['name']);
  }

  /** Counts the calls (or keywords) of one name, in the order they are met. */
  private occurrence(name: string): number {
    const key = name.toLowerCase();
    const count = this.calls.get(key) ?? 0;
    this.calls.set(key, count + 1);
    return count;
  }

  private characterAt(codePoint: number): string | undefined {
    return this.options.characters?.[codePoint];
  }
}

/** The earliest identifier position inside a value, if any. */
function firstSpan(value: unknown): CodePointSpan | undefined {
  let best: CodePointSpan | undefined;
  const walk = (node: unknown) => {
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    if (!isAstObject(node)) return;
    const span = identifierSpan(node);
    if (span && (!best || span.start < best.start)) best = span;
    for (const field of Object.values(node)) walk(field);
  };
  walk(value);
  return best;
}

function firstSpanAnchor(value: unknown, statement: number): ProblemAnchor {
  const span = firstSpan(value);
  return span ? { span } : { statement };
}
