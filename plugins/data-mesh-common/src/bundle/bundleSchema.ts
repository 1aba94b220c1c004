import type { JsonObject } from '@backstage/types';

/**
 * JSON schemas (draft-07) of exactly the bundle fields that Meshwork emits,
 * with the field names and nesting of Databricks' bundle configuration and
 * the Jobs API 2.2. They are deliberately narrower than Databricks' own
 * schema: `additionalProperties: false` everywhere, so that a misspelt or
 * misplaced field fails in Meshwork's tests instead of being ignored or
 * rejected at deploy time.
 */

const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';

const nonEmptyString: JsonObject = { type: 'string', minLength: 1 };

const nonEmptyStringList: JsonObject = {
  type: 'array',
  minItems: 1,
  items: nonEmptyString,
};

/** A `variables.<name>` declaration. */
const variableDeclaration: JsonObject = {
  type: 'object',
  additionalProperties: false,
  required: ['description'],
  properties: {
    description: nonEmptyString,
    default: nonEmptyString,
  },
};

function targetSchema(mode: 'development' | 'production'): JsonObject {
  return {
    type: 'object',
    additionalProperties: false,
    required: [
      'mode',
      'variables',
      ...(mode === 'development' ? ['default'] : []),
    ],
    properties: {
      mode: { const: mode },
      ...(mode === 'development' && { default: { const: true } }),
      workspace: {
        type: 'object',
        additionalProperties: false,
        minProperties: 1,
        properties: {
          host: { type: 'string', pattern: '^https://[^\\s/]+' },
          root_path: nonEmptyString,
        },
      },
      variables: {
        type: 'object',
        additionalProperties: false,
        required: ['catalog', 'schema'],
        properties: {
          catalog: nonEmptyString,
          schema: nonEmptyString,
          warehouse_id: nonEmptyString,
        },
      },
    },
  };
}

/**
 * Schema of the `databricks.yml` that Meshwork generates.
 *
 * @public
 */
export const databricksYmlSchema: JsonObject = {
  $schema: DRAFT_07,
  $id: 'https://meshwork.io/schemas/bundle/databricks.yml.json',
  title: 'Meshwork databricks.yml',
  type: 'object',
  additionalProperties: false,
  required: ['bundle', 'include', 'variables', 'targets'],
  properties: {
    bundle: {
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      properties: { name: nonEmptyString },
    },
    include: nonEmptyStringList,
    variables: {
      type: 'object',
      additionalProperties: false,
      required: ['catalog', 'schema'],
      properties: {
        warehouse_id: variableDeclaration,
        catalog: variableDeclaration,
        schema: variableDeclaration,
      },
    },
    targets: {
      type: 'object',
      additionalProperties: false,
      required: ['dev', 'prod'],
      properties: {
        dev: targetSchema('development'),
        prod: targetSchema('production'),
      },
    },
  },
};

/** Paths in a resource file are relative to it, so they climb out of resources/. */
const relativeFile = (extension: string): JsonObject => ({
  type: 'string',
  pattern: `^\\.\\./[^\\s\\\\]+\\.${extension}$`,
});

const task: JsonObject = {
  type: 'object',
  additionalProperties: false,
  required: ['task_key'],
  properties: {
    // Jobs API: up to 100 characters of letters, digits, "_" and "-".
    task_key: { type: 'string', pattern: '^[\\w-]{1,100}$' },
    description: { type: 'string', maxLength: 1000 },
    depends_on: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['task_key'],
        properties: { task_key: nonEmptyString },
      },
    },
    run_if: {
      enum: [
        'ALL_SUCCESS',
        'AT_LEAST_ONE_SUCCESS',
        'NONE_FAILED',
        'ALL_DONE',
        'AT_LEAST_ONE_FAILED',
        'ALL_FAILED',
      ],
    },
    sql_task: {
      type: 'object',
      additionalProperties: false,
      required: ['warehouse_id', 'file'],
      properties: {
        warehouse_id: nonEmptyString,
        file: {
          type: 'object',
          additionalProperties: false,
          required: ['path'],
          properties: { path: relativeFile('sql') },
        },
        parameters: {
          type: 'object',
          additionalProperties: { type: 'string' },
        },
      },
    },
    spark_python_task: {
      type: 'object',
      additionalProperties: false,
      required: ['python_file'],
      properties: {
        python_file: relativeFile('py'),
        parameters: { type: 'array', items: { type: 'string' } },
      },
    },
    environment_key: nonEmptyString,
    max_retries: { type: 'integer', minimum: -1 },
    min_retry_interval_millis: { type: 'integer', minimum: 0 },
  },
  // One kind of task each; serverless Python tasks also need an environment.
  oneOf: [
    { required: ['sql_task'] },
    { required: ['spark_python_task', 'environment_key'] },
  ],
};

const job: JsonObject = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'tags', 'tasks'],
  properties: {
    name: nonEmptyString,
    description: { type: 'string' },
    schedule: {
      type: 'object',
      additionalProperties: false,
      required: ['quartz_cron_expression', 'timezone_id', 'pause_status'],
      properties: {
        quartz_cron_expression: nonEmptyString,
        timezone_id: nonEmptyString,
        pause_status: { enum: ['PAUSED', 'UNPAUSED'] },
      },
    },
    email_notifications: {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      properties: {
        on_failure: nonEmptyStringList,
        on_success: nonEmptyStringList,
        on_duration_warning_threshold_exceeded: nonEmptyStringList,
      },
    },
    health: {
      type: 'object',
      additionalProperties: false,
      required: ['rules'],
      properties: {
        rules: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['metric', 'op', 'value'],
            properties: {
              metric: { const: 'RUN_DURATION_SECONDS' },
              op: { const: 'GREATER_THAN' },
              value: { type: 'integer', minimum: 1 },
            },
          },
        },
      },
    },
    timeout_seconds: { type: 'integer', minimum: 0 },
    // Job parameters (Jobs API 2.2): each needs a default; tasks read them
    // as {{job.parameters.<name>}}.
    parameters: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'default'],
        properties: {
          name: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
          default: { type: 'string' },
        },
      },
    },
    max_concurrent_runs: { type: 'integer', minimum: 0, maximum: 1000 },
    run_as: {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      maxProperties: 1,
      properties: {
        user_name: nonEmptyString,
        service_principal_name: nonEmptyString,
      },
    },
    tags: {
      type: 'object',
      // The Jobs API limit.
      maxProperties: 25,
      required: [
        'meshwork_project',
        'meshwork_team',
        'meshwork_job',
        'meshwork_pipeline',
      ],
      // The cost-attribution tags; user tags are any other string values.
      properties: {
        meshwork_project: nonEmptyString,
        meshwork_team: nonEmptyString,
        meshwork_domain: nonEmptyString,
        meshwork_job: nonEmptyString,
        meshwork_pipeline: nonEmptyString,
      },
      additionalProperties: { type: 'string' },
    },
    tasks: {
      type: 'array',
      minItems: 1,
      items: { $ref: '#/definitions/task' },
    },
    environments: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['environment_key', 'spec'],
        properties: {
          environment_key: nonEmptyString,
          spec: {
            type: 'object',
            additionalProperties: false,
            required: ['environment_version'],
            properties: {
              environment_version: nonEmptyString,
              dependencies: nonEmptyStringList,
            },
          },
        },
      },
    },
  },
};

/**
 * Schema of a `resources/<job>.job.yml` that Meshwork generates.
 *
 * @public
 */
export const jobResourceFileSchema: JsonObject = {
  $schema: DRAFT_07,
  $id: 'https://meshwork.io/schemas/bundle/job-resource.json',
  title: 'Meshwork resources/<job>.job.yml',
  type: 'object',
  additionalProperties: false,
  required: ['resources'],
  properties: {
    resources: {
      type: 'object',
      additionalProperties: false,
      required: ['jobs'],
      properties: {
        jobs: {
          type: 'object',
          minProperties: 1,
          additionalProperties: false,
          patternProperties: {
            '^[a-z][a-z0-9_]*$': { $ref: '#/definitions/job' },
          },
        },
      },
    },
  },
  definitions: { job, task },
};
