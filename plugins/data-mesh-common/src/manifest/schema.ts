import { Infer, JsonSchema, s, Schema } from '../project/schema/builder';
import {
  FILE_NAME,
  fileName,
  identifier,
  IDENTIFIER,
  text,
} from '../project/schema/common';
import { CLASSIFICATIONS, qualityRuleSchema } from '../project/schema/dataset';
import { DIALECTS } from '../project/schema/project';

/**
 * The version of the manifest's shape that this Meshwork writes and reads.
 * It changes whenever the shape does; see docs/manifest.md.
 *
 * @public
 */
export const MANIFEST_VERSION = 'meshwork/manifest/v1';

/**
 * The `$id` of the manifest's JSON Schema, written into each manifest as
 * `$schema`; nothing needs to be served there.
 *
 * @public
 */
export const MANIFEST_SCHEMA_ID =
  'https://meshwork.dev/schemas/manifest.v1.json';

/**
 * Where `meshwork compile` writes the manifest, relative to the project root.
 *
 * @public
 */
export const MANIFEST_PATH = 'generated/manifest.json';

/** `dataset.column`: a dataset's name (no `.` in it) and a column of it. */
const SOURCE_COLUMN = new RegExp(
  `^${FILE_NAME.source.slice(1, -1)}\\.${IDENTIFIER.source.slice(1, -1)}$`,
);

const names = () => s.array(fileName());

/** A mapping written with its keys sorted, whatever order it was built in. */
const sortedRecord = <T>(values: Schema<T>, keyPattern: RegExp) =>
  s.record(values, keyPattern, { sortKeys: true });

const targetSchema = s.object({
  catalog: identifier(),
  schema: identifier(),
  warehouse: s.optional(text()),
});

const projectSchema = s.object({
  name: text(),
  title: s.optional(text()),
  owner: text(),
  domain: text(),
  system: s.optional(text()),
  standardsVersion: s.optional(text()),
  engine: s.object({
    defaultDialect: s.enum(DIALECTS),
    targets: sortedRecord(targetSchema, IDENTIFIER),
  }),
});

const columnSchema = s.object({
  name: identifier(),
  type: text(),
  description: s.optional(s.string()),
  classification: s.optional(s.enum(CLASSIFICATIONS)),
  tags: s.optional(s.array(text())),
});

const lineageStepSchema = s.object({
  pipeline: fileName(),
  node: text(),
  gem: text(),
  uses: s.optional(fileName()),
  formula: text(),
});

const columnLineageSchema = s.object({
  column: text(),
  formula: text(),
  sources: s.array(
    s.string({
      pattern: SOURCE_COLUMN,
      patternName: 'a source column (dataset.column)',
    }),
  ),
  via: names(),
  steps: s.array(lineageStepSchema),
  opaque: s.optional(s.boolean()),
});

const producerSchema = s.object({
  pipeline: fileName(),
  node: identifier(),
  mode: s.enum(['overwrite', 'append', 'merge'] as const),
});

const datasetSchema = s.object({
  name: fileName(),
  file: text(),
  table: text(),
  tables: sortedRecord(text(), IDENTIFIER),
  layer: s.enum(['bronze', 'silver', 'gold'] as const),
  visibility: s.enum(['internal', 'published'] as const),
  owner: text(),
  description: s.optional(s.string()),
  contract: s.object({
    columns: s.array(columnSchema),
    quality: s.optional(s.array(qualityRuleSchema)),
    sla: s.optional(s.object({ freshnessHours: s.number({ minimum: 0 }) })),
  }),
  producedBy: s.optional(producerSchema),
  upstream: names(),
  downstream: names(),
  lineage: s.array(columnLineageSchema),
});

const pipelineInputSchema = s.object({
  node: identifier(),
  dataset: s.optional(fileName()),
  table: s.optional(text()),
});

const pipelineOutputSchema = s.object({
  node: identifier(),
  dataset: s.optional(fileName()),
  table: s.optional(text()),
  mode: s.enum(['overwrite', 'append', 'merge'] as const),
  mergeKeys: s.optional(s.array(identifier())),
});

const pipelineSchema = s.object({
  name: fileName(),
  file: text(),
  description: s.optional(s.string()),
  parameters: s.optional(
    s.array(
      s.object({
        name: identifier(),
        type: text(),
        description: s.optional(s.string()),
        default: s.optional(s.scalar()),
      }),
    ),
  ),
  inputs: s.array(pipelineInputSchema),
  outputs: s.array(pipelineOutputSchema),
  generated: s.object({
    sql: s.optional(text()),
    python: s.optional(text()),
  }),
});

const jobTaskSchema = s.object({
  key: identifier(),
  bundleKey: identifier(),
  pipeline: fileName(),
  dependsOn: s.array(identifier()),
  writes: names(),
  /**
   * What the task passes each of its pipeline's parameters, defaults
   * included: a literal, or `{{job.parameters.<name>}}`.
   */
  parameters: s.optional(sortedRecord(s.string(), IDENTIFIER)),
});

const jobSchema = s.object({
  name: fileName(),
  file: text(),
  description: s.optional(s.string()),
  bundleKey: identifier(),
  schedule: s.optional(
    s.object({ cron: text(), timezone: text(), paused: s.boolean() }),
  ),
  parameters: s.optional(
    s.array(
      s.object({
        name: identifier(),
        default: s.scalar(),
        description: s.optional(s.string()),
      }),
    ),
  ),
  tasks: s.array(jobTaskSchema),
  alerts: s.object({
    onFailure: s.array(text()),
    onQualityBreach: s.array(text()),
  }),
  retries: s.optional(s.integer({ minimum: 0 })),
  timeoutSeconds: s.optional(s.integer({ minimum: 0 })),
  tags: s.optional(sortedRecord(s.string(), IDENTIFIER)),
});

const diagnosticSchema = s.object({
  file: s.string(),
  line: s.integer({ minimum: 1 }),
  column: s.integer({ minimum: 1 }),
  severity: s.enum(['error', 'warning', 'info'] as const),
  code: text(),
  message: text(),
});

/**
 * The manifest, described once: its TypeScript types, the validation in
 * `readManifest`, its JSON Schema and its key order all come from here.
 */
export const projectManifestSchema = s.object({
  $schema: s.literal(MANIFEST_SCHEMA_ID),
  manifestVersion: s.literal(MANIFEST_VERSION),
  generator: s.object({ name: s.literal('meshwork'), version: text() }),
  project: s.optional(projectSchema),
  datasets: s.array(datasetSchema),
  pipelines: s.array(pipelineSchema),
  jobs: s.array(jobSchema),
  diagnostics: s.array(diagnosticSchema),
});

/**
 * The compiler's manifest of a data project (`generated/manifest.json`):
 * the contract between the compiler and everything downstream. See
 * docs/manifest.md.
 *
 * @public
 */
export type ProjectManifest = Infer<typeof projectManifestSchema>;
/**
 * The project settings in a {@link ProjectManifest}, from `meshwork.yaml`.
 *
 * @public
 */
export type ManifestProject = Infer<typeof projectSchema>;
/**
 * A dataset in a {@link ProjectManifest}: its file, tables, contract,
 * producer, neighbours and column lineage.
 *
 * @public
 */
export type ManifestDataset = Infer<typeof datasetSchema>;
/**
 * A {@link ManifestDataset} as its file and the project's targets declare
 * it, without what the compiler derives from the pipelines (`producedBy`,
 * `upstream`, `downstream`, `lineage`).
 *
 * @public
 */
export type ManifestDatasetDeclaration = Omit<
  ManifestDataset,
  'producedBy' | 'upstream' | 'downstream' | 'lineage'
>;
/**
 * A contract column of a {@link ManifestDataset}.
 *
 * @public
 */
export type ManifestColumn = Infer<typeof columnSchema>;
/**
 * Where one column of a {@link ManifestDataset} comes from.
 *
 * @public
 */
export type ManifestColumnLineage = Infer<typeof columnLineageSchema>;
/**
 * One computation in a {@link ManifestColumnLineage}.
 *
 * @public
 */
export type ManifestLineageStep = Infer<typeof lineageStepSchema>;
/**
 * A pipeline in a {@link ProjectManifest}.
 *
 * @public
 */
export type ManifestPipeline = Infer<typeof pipelineSchema>;
/**
 * A Source of a {@link ManifestPipeline}.
 *
 * @public
 */
export type ManifestPipelineInput = Infer<typeof pipelineInputSchema>;
/**
 * A Target of a {@link ManifestPipeline}.
 *
 * @public
 */
export type ManifestPipelineOutput = Infer<typeof pipelineOutputSchema>;
/**
 * A job in a {@link ProjectManifest}.
 *
 * @public
 */
export type ManifestJob = Infer<typeof jobSchema>;
/**
 * A task of a {@link ManifestJob}.
 *
 * @public
 */
export type ManifestJobTask = Infer<typeof jobTaskSchema>;
/**
 * A diagnostic in a {@link ProjectManifest}.
 *
 * @public
 */
export type ManifestDiagnostic = Infer<typeof diagnosticSchema>;

/**
 * The draft-07 JSON Schema of {@link ProjectManifest}, generated from the
 * same definition that `readManifest` validates with.
 *
 * @public
 */
export const projectManifestJsonSchema: JsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: MANIFEST_SCHEMA_ID,
  title: 'Meshwork project manifest',
  description: `${MANIFEST_PATH} (${MANIFEST_VERSION}), written by meshwork compile. Generated from the Meshwork manifest definition; do not edit.`,
  ...projectManifestSchema.toJsonSchema(),
};
