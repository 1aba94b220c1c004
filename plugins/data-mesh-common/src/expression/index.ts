/**
 * The expression language: Spark SQL expressions, parsed, type checked
 * against the schemas of a gem's inputs, and rendered to Spark SQL and
 * DuckDB SQL. See docs/expressions.md.
 */
export type {
  BetweenExpression,
  BinaryExpression,
  BinaryOperator,
  CaseBranch,
  CaseExpression,
  CastExpression,
  ColumnExpression,
  Expression,
  FrameBound,
  FunctionCallExpression,
  Identifier,
  InExpression,
  IntervalUnit,
  IsExpression,
  LikeExpression,
  LiteralExpression,
  LiteralValue,
  SortItem,
  SubscriptExpression,
  TypeReference,
  UnaryExpression,
  WindowFrame,
  WindowSpec,
} from './ast';
export { childExpressions, walkExpression } from './ast';
export { analyzeExpression } from './analyze';
export type { BindOptions, BoundExpression, ResolvedColumn } from './bind';
export { bindExpression } from './bind';
export type { DefaultWindow } from './defaultWindow';
export { hasBareWindowCall, withDefaultWindow } from './defaultWindow';
export { quoteIdentifier, renderSqlType, renderStringLiteral } from './dialect';
export { Precedence } from './precedence';
export type { ExpressionErrorCode, ExpressionErrorInit } from './errors';
export { ExpressionError, isExpressionError } from './errors';
export {
  defaultFunctionCatalogue,
  FunctionCatalogue,
} from './functions/catalogue';
export type {
  ArgumentInfo,
  ArgumentProblem,
  FunctionCategory,
  FunctionDefinition,
  FunctionKind,
  FunctionParameter,
  FunctionRenderContext,
  FunctionRenderer,
  FunctionSignature,
  ParameterType,
  RenderedArgument,
  RenderedSql,
  ReturnRule,
  ReturnType,
  WindowRequirements,
} from './functions/definition';
export { formatSignature } from './functions/definition';
export { functionCatalogueMarkdown } from './functions/catalogueMarkdown';
export { FUNCTION_EXAMPLE_SCOPE } from './functions/exampleScope';
export type { ExpressionLineage } from './lineage';
export { expressionLineage, referencedColumns } from './lineage';
export type { ParseOptions, ParseResult } from './parser';
export {
  DEFAULT_MAX_EXPRESSION_DEPTH,
  parseExpression,
  parseSqlType,
  tryParseExpression,
} from './parser';
export type {
  ColumnReferenceContext,
  ColumnRendering,
  RenderOptions,
} from './render';
export { formatExpression, renderExpression } from './render';
export type {
  BindingScope,
  ColumnSchema,
  InputSchema,
  ParameterSchema,
} from './scope';
export type { SourceSpan } from './span';
export { editDistance, suggestNames } from './suggest';
export type { SqlType, SqlTypeKind } from './types';
export {
  formatSqlType,
  isIntegralType,
  isNumericType,
  MAX_DECIMAL_PRECISION,
  SqlTypes,
  sqlTypesEqual,
} from './types';
export { commonSupertype } from './typeRules';
