/**
 * The data project's file format: `meshwork.yaml`, pipelines, subgraphs,
 * rules, datasets and jobs. Parsing with positioned diagnostics, migration
 * of older versions, canonical serialization and JSON Schemas. See
 * docs/pipeline-format.md.
 */
export type {
  ProjectDiagnostic,
  ProjectDiagnosticCode,
  ProjectDiagnosticSeverity,
} from './diagnostics';
export { formatDataPath, formatProjectDiagnostic } from './diagnostics';
export type {
  FileKindInfo,
  ProjectFileContent,
  ProjectFileContents,
  ProjectFileKind,
} from './fileKinds';
export { projectFileKindOf, projectFileKinds } from './fileKinds';
export { gemDefinitions, JOIN_TYPES } from './gems';
export type { GemConfigIssue, GemDefinition } from './gems';
export { nodePorts } from './checks/graph';
export { testFileSubject } from './checks/test';
export type { NodePorts } from './checks/graph';
export { projectFileJsonSchemas } from './jsonSchema';
export type { MigrationOutcome, ProjectFileMigration } from './migrations';
export { migrateProjectData, projectFileMigrations } from './migrations';
export type { ParseProjectFileOptions, ProjectFileParseResult } from './parse';
export { parseProjectFile } from './parse';
export { serializeProjectFile } from './serialize';
export type {
  Infer,
  InferUnion,
  IssueSink,
  JsonSchema,
  ObjectSchema,
  OptionalSchema,
  PathSegment,
  ScalarValue,
  Schema,
  SchemaIssue,
  Shape,
  UnionSchema,
} from './schema/builder';
export { CURRENT_FORMAT_VERSION } from './schema/common';
export type { DatasetFile, QualityRule } from './schema/dataset';
export { CLASSIFICATIONS } from './schema/dataset';
export type {
  GemConfig,
  GemDefinitions,
  GemType,
  PipelineEdge,
  PipelineNode,
} from './schema/graph';
export type { JobFile } from './schema/job';
export type { PipelineFile } from './schema/pipeline';
export type { ProjectFile } from './schema/project';
export { DIALECTS } from './schema/project';
export type { RuleFile } from './schema/rule';
export type { SubgraphFile } from './schema/subgraph';
export type { PipelineTestCase, TestFile } from './schema/test';
export { SUBGRAPH_INPUT_NODE, SUBGRAPH_OUTPUT_NODE } from './schema/subgraph';
export { gemReferenceMarkdown } from './gemReference';
