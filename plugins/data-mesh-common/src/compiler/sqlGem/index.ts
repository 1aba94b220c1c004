/**
 * SQL gems: the author's query parsed (polyglot-sql, Spark dialect),
 * checked to read only the gem's inputs, generated per dialect from the
 * parse, and traced column by column for lineage.
 */
export {
  initSqlParser,
  isSqlParserReady,
  type SqlParserModule,
} from './sqlParser';
export {
  analyzeSqlGem,
  type AnalyzeSqlGemOptions,
  type SqlGemAnalysis,
  type SqlGemQuery,
} from './analyzeSqlGem';
