/*
 * `yarn bench:catalog` (first half; the root script runs `bench:lineage`
 * after it): what processing a DataProduct costs the catalog compared with
 * a Component of the same size (goal: a ratio of at most 1.2).
 *
 * The entities go through the catalog's own processing orchestrator, the
 * class the processing engine calls for every entity it refreshes, built
 * the way `CatalogBuilder` builds it: the default entity policies, the
 * placeholder, built-in kinds, file, URL and location-annotation
 * processors, and our DataProduct processor after them (modules' processors
 * come last in the real catalog too). Reading the database, stitching and
 * writing are left out: they are the same code for both kinds and
 * proportional to the entity's size and relations, which are equal here.
 *
 * The DataProducts are Hello World's, built by the same code as the entity
 * provider, cycled and renamed to 2,000. Each Component copies its
 * DataProduct's metadata and spec (contract included, as extra spec fields
 * that the Component schema allows), so both kinds carry the same bytes
 * and the same relations to emit. The two sets are processed in
 * alternating rounds, so that load from elsewhere on the machine weighs on
 * both alike; the medians of the rounds after a warm-up are compared.
 * A benchmark, not a test: it prints what it measures and exits 0 unless
 * something fails to run (`--check` makes a missed goal exit 1).
 */

import {
  DefaultNamespaceEntityPolicy,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  makeValidator,
  NoForeignRootFieldsEntityPolicy,
  parseEntityRef,
  SchemaValidEntityPolicy,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import { ScmIntegrations } from '@backstage/integration';
import {
  AnnotateLocationEntityProcessor,
  BuiltinKindsEntityProcessor,
  FileReaderProcessor,
  PlaceholderProcessor,
  UrlReaderProcessor,
} from '@backstage/plugin-catalog-backend';
import type {
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import type { CatalogProcessor } from '@backstage/plugin-catalog-node';
import {
  compileProject,
  manifestToDataProductEntities,
} from '@meshwork/data-mesh-common';
import { readProjectFolder } from '@meshwork/data-mesh-node';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DataProductEntityProcessor } from '../src/processor/DataProductEntityProcessor';

const ENTITIES = 2000;
const WARMUP_ROUNDS = 1;
const ROUNDS = 7;
const GOAL_RATIO = 1.2;
const PROJECT = resolve(process.cwd(), 'examples/hello-world');
const PRODUCED_BY = 'component:default/hello-world';

/** The orchestrator's request and result, as far as the bench uses them. */
interface Orchestrator {
  process(request: {
    entity: Entity;
    state?: unknown;
  }): Promise<{ ok: boolean; errors?: Error[]; relations?: unknown[] }>;
}

/**
 * The catalog's processing orchestrator is not part of the package's public
 * exports; it is loaded from the installed package's own file, so that the
 * bench measures the code the catalog runs rather than a copy of it.
 */
function loadOrchestratorClass(): new (options: object) => Orchestrator {
  const root = dirname(
    require.resolve('@backstage/plugin-catalog-backend/package.json'),
  );
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require(join(
    root,
    'dist/processing/DefaultCatalogProcessingOrchestrator.cjs.js',
  ));
  return module.DefaultCatalogProcessingOrchestrator;
}

function loadRulesEnforcer(config: ConfigReader): object {
  const root = dirname(
    require.resolve('@backstage/plugin-catalog-backend/package.json'),
  );
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require(join(root, 'dist/ingestion/CatalogRules.cjs.js'));
  return module.DefaultCatalogRulesEnforcer.fromConfig(config);
}

const silentLogger: LoggerService = {
  error() {},
  warn() {},
  info() {},
  debug() {},
  child() {
    return silentLogger;
  },
};

/** No entity here is a Location, so nothing should ever read a URL. */
const unusedReader: UrlReaderService = {
  async readUrl(url) {
    throw new Error(`The bench reads no URLs (asked for ${url})`);
  },
  async readTree(url) {
    throw new Error(`The bench reads no URLs (asked for ${url})`);
  },
  async search(url) {
    throw new Error(`The bench reads no URLs (asked for ${url})`);
  },
};

function createOrchestrator(): Orchestrator {
  const config = new ConfigReader({});
  const integrations = ScmIntegrations.fromConfig(config);
  const processors: CatalogProcessor[] = [
    new PlaceholderProcessor({
      resolvers: {},
      reader: unusedReader,
      integrations,
    }),
    new BuiltinKindsEntityProcessor(),
    new FileReaderProcessor(),
    new UrlReaderProcessor({ reader: unusedReader, logger: silentLogger }),
    new AnnotateLocationEntityProcessor({ integrations }),
    new DataProductEntityProcessor(),
  ];
  const policy = EntityPolicies.allOf([
    new SchemaValidEntityPolicy(),
    new DefaultNamespaceEntityPolicy(),
    new NoForeignRootFieldsEntityPolicy(),
    new FieldFormatEntityPolicy(makeValidator()),
  ]);
  const Orchestrator = loadOrchestratorClass();
  return new Orchestrator({
    processors,
    integrations,
    rulesEnforcer: loadRulesEnforcer(config),
    logger: silentLogger,
    parser: async function* unusedParser() {},
    policy,
  });
}

async function helloWorldProducts(): Promise<Entity[]> {
  const files = await readProjectFolder(PROJECT, { sourcesOnly: true });
  const { manifest } = compileProject(files);
  const products = manifestToDataProductEntities(manifest, {
    producedBy: PRODUCED_BY,
    lifecycle: 'production',
    location: { type: 'file', target: PROJECT },
  });
  if (products.length === 0) {
    throw new Error(`${PROJECT} has no datasets to make DataProducts of`);
  }
  return products as unknown as Entity[];
}

/** `count` DataProducts cycling through the templates, each renamed. */
function dataProducts(templates: Entity[], count: number): Entity[] {
  return Array.from({ length: count }, (_, i) => {
    const template = templates[i % templates.length];
    const copy = structuredClone(template);
    copy.metadata.name = `${template.metadata.name}-${i}`;
    return copy;
  });
}

/**
 * The Component twin of a DataProduct: the same metadata and spec, with the
 * references a Component's processor relates (owner, system, dependsOn,
 * subcomponentOf) in place of the DataProduct's.
 */
function componentTwin(product: Entity): Entity {
  const spec = product.spec as JsonObject;
  const { producedBy, dependsOn, ...rest } = spec;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: structuredClone(product.metadata),
    spec: {
      ...structuredClone(rest),
      type: 'dataset',
      subcomponentOf: producedBy as string,
      dependsOn: ((dependsOn as string[] | undefined) ?? []).map(ref =>
        stringifyEntityRef({
          ...parseEntityRef(ref),
          kind: 'component',
        }),
      ),
    },
  };
}

async function processAll(
  orchestrator: Orchestrator,
  entities: Entity[],
): Promise<number> {
  const start = performance.now();
  for (const entity of entities) {
    const result = await orchestrator.process({ entity, state: undefined });
    if (!result.ok) {
      throw new Error(
        `Processing ${stringifyEntityRef(entity)} failed: ${result.errors
          ?.map(e => e.message)
          .join('; ')}`,
      );
    }
  }
  return performance.now() - start;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}

function bytes(entities: Entity[]): number {
  return entities.reduce((sum, e) => sum + JSON.stringify(e).length, 0);
}

async function main() {
  const check = process.argv.includes('--check');
  const orchestrator = createOrchestrator();
  const products = dataProducts(await helloWorldProducts(), ENTITIES);
  const components = products.map(componentTwin);

  const productTimes: number[] = [];
  const componentTimes: number[] = [];
  for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
    // Alternate which kind goes first, so neither always runs warmer.
    const first = round % 2 === 0 ? products : components;
    const second = round % 2 === 0 ? components : products;
    const firstTime = await processAll(orchestrator, first);
    const secondTime = await processAll(orchestrator, second);
    if (round < WARMUP_ROUNDS) continue;
    const [productTime, componentTime] =
      round % 2 === 0 ? [firstTime, secondTime] : [secondTime, firstTime];
    productTimes.push(productTime);
    componentTimes.push(componentTime);
  }

  const productMedian = median(productTimes);
  const componentMedian = median(componentTimes);
  const ratio = productMedian / componentMedian;
  const kib = (n: number) => `${(n / 1024 / ENTITIES).toFixed(1)} KiB`;
  console.log(
    `Catalog processing of ${ENTITIES} entities (median of ${ROUNDS} rounds after ${WARMUP_ROUNDS} warm-up):`,
  );
  console.log(
    `  DataProduct: ${productMedian.toFixed(0)} ms (${(
      (productMedian / ENTITIES) *
      1000
    ).toFixed(0)} µs each, ${kib(bytes(products))} average)`,
  );
  console.log(
    `  Component:   ${componentMedian.toFixed(0)} ms (${(
      (componentMedian / ENTITIES) *
      1000
    ).toFixed(0)} µs each, ${kib(bytes(components))} average)`,
  );
  const met = ratio <= GOAL_RATIO;
  console.log(
    `  ratio DataProduct / Component: ${ratio.toFixed(
      2,
    )} (goal <= ${GOAL_RATIO}) ${met ? 'met' : 'MISSED'}`,
  );
  if (check && !met) process.exitCode = 1;
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
