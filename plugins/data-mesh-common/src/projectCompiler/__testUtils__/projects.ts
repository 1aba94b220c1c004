import fs from 'fs';
import path from 'path';
import type { ProjectSourceFile } from '../types';

const HELLO_WORLD = path.resolve(
  __dirname,
  '../../../../../examples/hello-world',
);

function walk(directory: string): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(directory, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

/** Every file of examples/hello-world, generated ones included. */
export function helloWorldFiles(): ProjectSourceFile[] {
  return walk(HELLO_WORLD)
    .map(full => path.relative(HELLO_WORLD, full).split(path.sep).join('/'))
    .sort()
    .map(file => ({
      path: file,
      text: fs.readFileSync(path.join(HELLO_WORLD, file), 'utf8'),
    }));
}

function dataset(
  name: string,
  table: string,
  layer: string,
  columns: Record<string, string>,
): string {
  return `formatVersion: 1
name: ${name}
table: ${table}
layer: ${layer}
visibility: internal
owner: group:default/shop
contract:
  columns:
${Object.entries(columns)
  .map(([column, type]) => `    - name: ${column}\n      type: ${type}\n`)
  .join('')}`;
}

/**
 * A small project whose gold dataset is computed from a silver one that
 * another pipeline writes: CleanOrders (bronze → silver), TotalOrders
 * (silver → gold), and a job running both. `changes` replaces or adds
 * files (a `null` text removes one).
 */
export function shopProject(
  changes: Record<string, string | null> = {},
): ProjectSourceFile[] {
  const files: Record<string, string | null> = {
    'meshwork.yaml': `formatVersion: 1
name: shop
owner: group:default/shop
domain: sales
engine:
  defaultDialect: spark
  targets:
    dev:
      warehouse: dev-warehouse
      catalog: dev
      schema: shop
    prod:
      warehouse: prod-warehouse
      catalog: main
      schema: shop
`,
    'datasets/raw_orders.dataset.yaml': dataset(
      'raw_orders',
      'bronze.orders',
      'bronze',
      { order_id: 'bigint', amount: 'decimal(10,2)', status: 'string' },
    ),
    'datasets/clean_orders.dataset.yaml': dataset(
      'clean_orders',
      'silver.orders',
      'silver',
      { order_id: 'bigint', amount_cents: 'decimal(14,2)', status: 'string' },
    ),
    'datasets/order_totals.dataset.yaml': dataset(
      'order_totals',
      'gold.order_totals',
      'gold',
      { status: 'string', total_cents: 'decimal(24,2)' },
    ),
    'pipelines/CleanOrders.pipeline.yaml': `formatVersion: 1
name: CleanOrders
nodes:
  - id: orders
    type: Source
    position: { x: 0, y: 0 }
    config:
      dataset: raw_orders
  - id: valid
    type: Filter
    position: { x: 200, y: 0 }
    config:
      condition: amount > 0
  - id: cents
    type: Reformat
    position: { x: 400, y: 0 }
    config:
      columns:
        - name: order_id
          expression: order_id
        - name: amount_cents
          expression: amount * 100
        - name: status
          expression: lower(status)
  - id: out
    type: Target
    position: { x: 600, y: 0 }
    config:
      dataset: clean_orders
      mode: overwrite
edges:
  - from: { node: orders, port: out }
    to: { node: valid, port: in }
  - from: { node: valid, port: out }
    to: { node: cents, port: in }
  - from: { node: cents, port: out }
    to: { node: out, port: in }
`,
    'pipelines/TotalOrders.pipeline.yaml': `formatVersion: 1
name: TotalOrders
nodes:
  - id: clean
    type: Source
    position: { x: 0, y: 0 }
    config:
      dataset: clean_orders
  - id: per_status
    type: Aggregate
    position: { x: 200, y: 0 }
    config:
      groupBy:
        - status
      aggregates:
        - name: total_cents
          expression: sum(amount_cents)
  - id: out
    type: Target
    position: { x: 400, y: 0 }
    config:
      dataset: order_totals
      mode: overwrite
edges:
  - from: { node: clean, port: out }
    to: { node: per_status, port: in }
  - from: { node: per_status, port: out }
    to: { node: out, port: in }
`,
    'jobs/Nightly.job.yaml': `formatVersion: 1
name: Nightly
tasks:
  - key: clean
    pipeline: CleanOrders
  - key: totals
    pipeline: TotalOrders
    dependsOn:
      - clean
schedule:
  cron: 0 0 2 * * ?
  timezone: Europe/Amsterdam
alerts:
  onFailure:
    - oncall@example.com
retries: 1
`,
    ...changes,
  };
  return Object.entries(files)
    .filter((entry): entry is [string, string] => entry[1] !== null)
    .map(([file, text]) => ({ path: file, text }));
}

/** The 1-based line and column of the first `needle` in `text` (after `after`). */
export function positionOf(
  text: string,
  needle: string,
  after = '',
): { line: number; column: number } {
  const offset = text.indexOf(needle, after ? text.indexOf(after) : 0);
  if (offset < 0) throw new Error(`"${needle}" is not in the text`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}
