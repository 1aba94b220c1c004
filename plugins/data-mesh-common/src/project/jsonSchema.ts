import { ProjectFileKind, projectFileKinds } from './fileKinds';
import type { JsonSchema } from './schema/builder';

/** Base of the schemas' `$id`s; nothing needs to be served there. */
const SCHEMA_BASE = 'https://meshwork.dev/schemas';

function buildSchemas(): { readonly [K in ProjectFileKind]: JsonSchema } {
  const schemas = {} as Record<ProjectFileKind, JsonSchema>;
  for (const kind of Object.keys(projectFileKinds) as ProjectFileKind[]) {
    const info = projectFileKinds[kind];
    schemas[kind] = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      $id: `${SCHEMA_BASE}/${kind}.v1.json`,
      title: info.title,
      description: `${info.glob} (format version 1). Generated from the Meshwork project format; do not edit.`,
      ...info.schema.toJsonSchema(),
    };
  }
  return schemas;
}

/**
 * One draft-07 JSON Schema per project file kind, generated from the same
 * definitions the parser validates with. Editors use them for completion
 * and squiggles (`yaml-language-server`, Monaco). They check structure only:
 * expression syntax (marked `format: spark-sql-expression`), graph
 * consistency and cycles need `parseProjectFile`. Older format versions are
 * not described; they are migrated on load.
 *
 * @public
 */
export const projectFileJsonSchemas: {
  readonly [K in ProjectFileKind]: JsonSchema;
} = buildSchemas();
