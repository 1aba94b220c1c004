import {
  DatasetFile,
  JobFile,
  PipelineFile,
  ProjectFile,
  serializeProjectFile,
  TestFile,
} from '@meshwork/data-mesh-common';
import { createHash } from 'node:crypto';
import { stringify } from 'yaml';

/** Where one target of the project's engine writes. */
export interface StarterTarget {
  readonly warehouse?: string;
  readonly catalog: string;
  readonly schema: string;
}

/** What a new data project is made from. */
export interface StarterProjectOptions {
  /** The project name, as in `meshwork.yaml` (`customer-insights`). */
  readonly name: string;
  readonly title?: string;
  readonly description: string;
  /** The owning team, a full group reference (`group:default/sales-analytics`). */
  readonly owner: string;
  readonly domain: string;
  readonly system?: string;
  readonly standardsVersion: string;
  readonly targets: Readonly<Record<string, StarterTarget>>;
}

/** A file of the new project: its path in the project and its text. */
export interface StarterFile {
  readonly path: string;
  readonly text: string;
}

/** The names the starter gives its pipeline, datasets and job. */
export interface StarterNames {
  readonly source: string;
  readonly product: string;
  readonly pipeline: string;
  readonly job: string;
}

/**
 * The raw table the starter reads: the customers table that every Meshwork
 * warehouse has (the demo's seeded one), so the new project's job runs at
 * once. A team points its source dataset at its own raw data next.
 */
const SOURCE_TABLE = 'bronze.customers';

/** Dataset names are global in the catalog: each project's start with its name. */
export function starterNames(project: string): StarterNames {
  const prefix = project.replace(/-/g, '_');
  return {
    source: `${prefix}_customers`,
    product: `${prefix}_contacts`,
    pipeline: 'customer_contacts',
    job: 'daily_customer_contacts',
  };
}

function projectFile(options: StarterProjectOptions): ProjectFile {
  return {
    formatVersion: 1,
    name: options.name,
    ...(options.title && { title: options.title }),
    owner: options.owner,
    domain: options.domain,
    ...(options.system && { system: options.system }),
    standardsVersion: options.standardsVersion,
    engine: {
      defaultDialect: 'spark',
      targets: Object.fromEntries(
        Object.entries(options.targets).map(([name, target]) => [
          name,
          {
            ...(target.warehouse && { warehouse: target.warehouse }),
            catalog: target.catalog,
            schema: target.schema,
          },
        ]),
      ),
    },
  };
}

function sourceDataset(
  names: StarterNames,
  options: StarterProjectOptions,
): DatasetFile {
  return {
    formatVersion: 1,
    name: names.source,
    table: SOURCE_TABLE,
    layer: 'bronze',
    visibility: 'internal',
    owner: options.owner,
    description:
      'Business customers as registered, one row per customer: the raw table the starter pipeline reads. Point it at your own raw data.',
    contract: {
      columns: [
        {
          name: 'customer_id',
          type: 'bigint',
          description: 'Unique customer id.',
        },
        {
          name: 'customer_name',
          type: 'string',
          description: 'Full name of the primary contact.',
          classification: 'pii',
          tags: ['name'],
        },
        {
          name: 'email',
          type: 'string',
          description:
            'Contact email as entered: mixed case, sometimes padded, sometimes missing.',
          classification: 'pii',
          tags: ['email'],
        },
        {
          name: 'business_size',
          type: 'string',
          description: 'Micro, Small, Medium, Large or Enterprise.',
        },
        {
          name: 'country_code',
          type: 'string',
          description: 'ISO 3166-1 alpha-2 country code.',
        },
        {
          name: 'created_at',
          type: 'timestamp',
          description: 'When the customer signed up.',
        },
      ],
      quality: [
        { check: 'not_null', column: 'customer_id' },
        { check: 'unique', columns: ['customer_id'] },
      ],
    },
  };
}

function productDataset(
  names: StarterNames,
  options: StarterProjectOptions,
): DatasetFile {
  return {
    formatVersion: 1,
    name: names.product,
    table: `gold.${names.product}`,
    layer: 'gold',
    visibility: 'published',
    owner: options.owner,
    description: `Customers that can be contacted by email, with the email hashed: join on it without seeing it. Written daily by the ${names.pipeline} pipeline.`,
    contract: {
      columns: [
        {
          name: 'customer_id',
          type: 'bigint',
          description: 'Unique customer id.',
        },
        {
          name: 'email',
          type: 'string',
          description:
            'SHA-256 of the trimmed, lower-cased contact email (hex): pseudonymous, still personal data.',
          classification: 'pii',
          tags: ['email'],
        },
        {
          name: 'business_size',
          type: 'string',
          description: 'Micro, Small, Medium, Large or Enterprise.',
        },
        {
          name: 'country_code',
          type: 'string',
          description: 'ISO 3166-1 alpha-2 country code, upper case.',
        },
        {
          name: 'signed_up_on',
          type: 'date',
          description: 'The day the customer signed up.',
        },
      ],
      quality: [
        { check: 'not_null', column: 'customer_id' },
        { check: 'unique', columns: ['customer_id'] },
        { check: 'not_null', column: 'email' },
        {
          check: 'accepted_values',
          column: 'business_size',
          values: ['Micro', 'Small', 'Medium', 'Large', 'Enterprise'],
        },
        { check: 'regex', column: 'country_code', pattern: '^[A-Z]{2}$' },
      ],
      sla: { freshnessHours: 26 },
    },
  };
}

function pipeline(names: StarterNames): PipelineFile {
  return {
    formatVersion: 1,
    name: names.pipeline,
    description:
      'Customers with a contact email, cleaned and with the email hashed (the PII column masked), for the published contacts product.',
    nodes: [
      {
        id: 'customers',
        type: 'Source',
        label: 'Customers',
        position: { x: 0, y: 0 },
        config: { dataset: names.source },
      },
      {
        id: 'with_email',
        type: 'Filter',
        label: 'With an email',
        position: { x: 240, y: 0 },
        config: { condition: 'email IS NOT NULL' },
      },
      {
        id: 'clean',
        type: 'Reformat',
        label: 'Clean contacts',
        position: { x: 480, y: 0 },
        config: {
          columns: [
            { name: 'customer_id', expression: 'customer_id' },
            // A function of the platform standards.
            { name: 'email', expression: 'normalize_email(email)' },
            { name: 'business_size', expression: 'business_size' },
            { name: 'country_code', expression: 'upper(country_code)' },
            { name: 'signed_up_on', expression: 'to_date(created_at)' },
          ],
        },
      },
      {
        id: 'hash_email',
        type: 'Mask',
        label: 'Hash emails',
        position: { x: 720, y: 0 },
        config: { column: 'email', method: 'hash' },
      },
      {
        id: 'contacts',
        type: 'Target',
        label: 'Contacts',
        position: { x: 960, y: 0 },
        config: { dataset: names.product, mode: 'overwrite' },
      },
    ],
    edges: [
      ['customers', 'with_email'],
      ['with_email', 'clean'],
      ['clean', 'hash_email'],
      ['hash_email', 'contacts'],
    ].map(([from, to]) => ({
      from: { node: from, port: 'out' },
      to: { node: to, port: 'in' },
    })),
  } as PipelineFile;
}

function job(names: StarterNames, options: StarterProjectOptions): JobFile {
  const team = options.owner.replace(/^group:(default\/)?/, '');
  return {
    formatVersion: 1,
    name: names.job,
    description: `Refreshes ${names.product} every morning.`,
    tasks: [{ key: 'contacts', pipeline: names.pipeline }],
    schedule: { cron: '0 0 6 * * ?', timezone: 'UTC', paused: true },
    tags: {
      team: team.replace(/[^A-Za-z0-9_-]/g, '-'),
    },
  };
}

/**
 * What the hash mask of each standards version prepends before hashing
 * (templates/standards/<version>/standards.yaml): 2026.2 salts it.
 */
const HASH_SALTS: Readonly<Record<string, string>> = {
  '2026.1': '',
  '2026.2': 'meshwork:',
};

/**
 * The pipeline's output for an email: normalized (trimmed, lower case),
 * then hashed as the standards version's Mask gem does; undefined for a
 * version whose hash this template does not know.
 */
function hashedEmail(
  normalizedEmail: string,
  standardsVersion: string,
): string | undefined {
  const salt = HASH_SALTS[standardsVersion];
  if (salt === undefined) return undefined;
  return createHash('sha256')
    .update(salt + normalizedEmail)
    .digest('hex');
}

/**
 * The pipeline's tests. Three customers go in; the one without an email is
 * filtered out, and the others come out with the email trimmed, lower-cased
 * and hashed, the country code upper-cased and the sign-up time cut to its
 * day. For a standards version whose hash is not known here, the email is
 * left out of the comparison.
 */
function pipelineTests(
  names: StarterNames,
  standardsVersion: string,
): TestFile {
  const expected = [
    {
      customer_id: 1,
      email: hashedEmail('ada@example.com', standardsVersion),
      business_size: 'Small',
      country_code: 'GB',
      signed_up_on: '2026-01-05',
    },
    {
      customer_id: 3,
      email: hashedEmail('grace@example.com', standardsVersion),
      business_size: 'Large',
      country_code: 'US',
      signed_up_on: '2026-02-10',
    },
  ].map(
    row =>
      Object.fromEntries(
        Object.entries(row).filter(([, value]) => value !== undefined),
      ) as Record<string, string | number>,
  );
  return {
    formatVersion: 1,
    name: names.pipeline,
    pipeline: names.pipeline,
    tests: [
      {
        name: 'keeps customers with an email and hashes it',
        description:
          'The email is normalized before hashing, so the same address always gives the same hash.',
        given: {
          [names.source]: [
            {
              customer_id: 1,
              customer_name: 'Ada Lovelace',
              email: '  Ada@Example.com ',
              business_size: 'Small',
              country_code: 'gb',
              created_at: '2026-01-05 09:30:00',
            },
            {
              customer_id: 2,
              customer_name: 'Charles Babbage',
              email: null,
              business_size: 'Micro',
              country_code: 'GB',
              created_at: '2026-01-06 10:00:00',
            },
            {
              customer_id: 3,
              customer_name: 'Grace Hopper',
              email: 'grace@example.com',
              business_size: 'Large',
              country_code: 'US',
              created_at: '2026-02-10 23:59:59',
            },
          ],
        },
        expect: { rows: expected },
      },
    ],
  };
}

function catalogInfo(options: StarterProjectOptions): string {
  return stringify({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: options.name,
      ...(options.title && { title: options.title }),
      description: options.description,
      annotations: {
        // The project is this repository's root; the catalog provider
        // publishes one DataProduct per dataset from it.
        'meshwork.io/project-repo': 'dir:.',
      },
      tags: ['data-project'],
    },
    spec: {
      type: 'data-project',
      lifecycle: 'experimental',
      owner: options.owner,
      ...(options.system && { system: options.system }),
    },
  });
}

/**
 * CI on every change: the project validates, its committed generated code
 * is what the compiler makes, and its pipeline tests pass. The `meshwork`
 * command comes from the platform's Meshwork repository (the repository
 * variable MESHWORK_REPOSITORY, at the ref MESHWORK_REF).
 */
function ciWorkflow(): string {
  return stringify(
    {
      name: 'meshwork',
      on: { push: { branches: ['main'] }, pull_request: {} },
      jobs: {
        check: {
          'runs-on': 'ubuntu-latest',
          steps: [
            { uses: 'actions/checkout@v4', with: { path: 'project' } },
            {
              name: 'Check out the Meshwork CLI',
              uses: 'actions/checkout@v4',
              with: {
                repository: '${{ vars.MESHWORK_REPOSITORY }}',
                ref: "${{ vars.MESHWORK_REF || 'main' }}",
                path: 'meshwork',
              },
            },
            {
              uses: 'actions/setup-node@v4',
              with: { 'node-version': 22 },
            },
            {
              name: 'Install the Meshwork CLI',
              'working-directory': 'meshwork',
              run: [
                'corepack enable',
                'yarn install --immutable',
                'mkdir -p "$RUNNER_TEMP/bin"',
                // $PWD is expanded now (the CLI's checkout), \$@ when it runs.
                'cat > "$RUNNER_TEMP/bin/meshwork" <<EOF',
                '#!/usr/bin/env bash',
                'exec node --require "$PWD/node_modules/@backstage/cli/config/nodeTransform.cjs" "$PWD/plugins/data-mesh-node/src/cli/main.ts" "\\$@"',
                'EOF',
                'chmod +x "$RUNNER_TEMP/bin/meshwork"',
                'echo "$RUNNER_TEMP/bin" >> "$GITHUB_PATH"',
              ].join('\n'),
            },
            {
              name: 'Validate',
              'working-directory': 'project',
              run: 'meshwork validate .',
            },
            {
              name: 'Generated code is up to date',
              'working-directory': 'project',
              run: 'meshwork compile . --check',
            },
            {
              name: 'Pipeline tests',
              'working-directory': 'project',
              run: 'meshwork test .',
            },
          ],
        },
      },
    },
    { lineWidth: 0 },
  );
}

function readme(names: StarterNames, options: StarterProjectOptions): string {
  const title = options.title ?? options.name;
  return `# ${title}

${options.description}

A Meshwork data project of the ${options.domain} domain, owned by
${options.owner}, following the platform standards ${options.standardsVersion}.
It started from the platform's *New data project* template.

| file | what it is |
|---|---|
| \`meshwork.yaml\` | the project: name, owner, domain, standards version, engine targets |
| \`datasets/${names.source}.dataset.yaml\` | the raw customers table the pipeline reads (bronze) |
| \`datasets/${names.product}.dataset.yaml\` | the published data product and its contract (gold) |
| \`pipelines/${names.pipeline}.pipeline.yaml\` | customers with an email, cleaned, the email hashed |
| \`jobs/${names.job}.job.yaml\` | runs the pipeline every morning (paused until you unpause it) |
| \`tests/${names.pipeline}.test.yaml\` | the pipeline's tests: input rows and the rows expected |
| \`generated/\`, \`databricks.yml\`, \`resources/\` | code, manifest and Databricks bundle, made by \`meshwork compile\`: never edit them |
| \`catalog-info.yaml\` | the catalog Component; each dataset becomes a DataProduct |

Edit the pipeline in the portal's editor, or the files in any editor, then:

\`\`\`sh
meshwork validate .        # problems as file:line:col: message
meshwork compile .         # regenerate the code, bundle and manifest; commit them
meshwork test .            # run the pipeline tests on an in-memory DuckDB
\`\`\`

CI (\`.github/workflows/meshwork.yml\`) runs the same three on every change.
`;
}

/**
 * The source files of a new data project: a source and a published dataset
 * with their contracts, a pipeline that masks the PII column, a job, the
 * pipeline's tests, the catalog entity, a CI workflow and a README. Project
 * files are built as objects and written by the project serializer, so they
 * are byte for byte what the editor would save. The generated files come
 * from compiling these.
 */
export function starterProjectFiles(
  options: StarterProjectOptions,
): StarterFile[] {
  const names = starterNames(options.name);
  return [
    {
      path: 'meshwork.yaml',
      text: serializeProjectFile('project', projectFile(options)),
    },
    {
      path: `datasets/${names.source}.dataset.yaml`,
      text: serializeProjectFile('dataset', sourceDataset(names, options)),
    },
    {
      path: `datasets/${names.product}.dataset.yaml`,
      text: serializeProjectFile('dataset', productDataset(names, options)),
    },
    {
      path: `pipelines/${names.pipeline}.pipeline.yaml`,
      text: serializeProjectFile('pipeline', pipeline(names)),
    },
    {
      path: `jobs/${names.job}.job.yaml`,
      text: serializeProjectFile('job', job(names, options)),
    },
    {
      path: `tests/${names.pipeline}.test.yaml`,
      text: serializeProjectFile(
        'test',
        pipelineTests(names, options.standardsVersion),
      ),
    },
    { path: 'catalog-info.yaml', text: catalogInfo(options) },
    { path: '.github/workflows/meshwork.yml', text: ciWorkflow() },
    { path: 'README.md', text: readme(names, options) },
  ];
}
