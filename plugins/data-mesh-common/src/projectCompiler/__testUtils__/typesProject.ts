import type { ProjectSourceFile } from '../types';

/**
 * A project whose pipeline computes the values whose DuckDB types differ
 * from Spark's (`datediff`, `hour`, `size`, `row_number`, `rank` are INT in
 * Spark, BIGINT in DuckDB; a sum of decimal(12,2) is decimal(22,2) in Spark,
 * DECIMAL(38,2) in DuckDB) and writes them to tables without a contract,
 * to an appended dataset and to a merged one.
 */
export function typesProject(): ProjectSourceFile[] {
  const files: Record<string, string> = {
    'meshwork.yaml': `formatVersion: 1
name: types
owner: group:default/shop
domain: sales
engine:
  defaultDialect: spark
`,
    'datasets/raw_events.dataset.yaml': `formatVersion: 1
name: raw_events
table: bronze.events
layer: bronze
visibility: internal
owner: group:default/shop
contract:
  columns:
    - name: event_id
      type: bigint
    - name: user_id
      type: bigint
    - name: started
      type: date
    - name: ended
      type: date
    - name: ts
      type: timestamp
    - name: tags
      type: array<string>
    - name: amount
      type: decimal(12,2)
`,
    'datasets/event_log.dataset.yaml': `formatVersion: 1
name: event_log
table: silver.event_log
layer: silver
visibility: internal
owner: group:default/shop
description: Every event's length, appended.
contract:
  columns:
    - name: event_id
      type: bigint
      description: The event.
    - name: days
      type: int
      description: Days from start to end.
    - name: amount
      type: decimal(14,2)
      description: "The event's amount, widened."
`,
    'datasets/user_totals.dataset.yaml': `formatVersion: 1
name: user_totals
table: gold.user_totals
layer: gold
visibility: published
owner: group:default/shop
contract:
  columns:
    - name: user_id
      type: bigint
    - name: total
      type: decimal(22,2)
`,
    'pipelines/EventMetrics.pipeline.yaml': `formatVersion: 1
name: EventMetrics
nodes:
  - id: events
    type: Source
    position: { x: 0, y: 0 }
    config:
      dataset: raw_events
  - id: derived
    type: Reformat
    position: { x: 200, y: 0 }
    config:
      columns:
        - name: event_id
          expression: event_id
        - name: user_id
          expression: user_id
        - name: ts
          expression: ts
        - name: days
          expression: datediff(ended, started)
        - name: hr
          expression: hour(ts)
        - name: n_tags
          expression: size(tags)
        - name: tags
          expression: tags
        - name: amount
          expression: amount
  - id: ranked
    type: Window
    position: { x: 400, y: 0 }
    config:
      partitionBy:
        - user_id
      orderBy:
        - expression: ts
      columns:
        - name: n
          expression: row_number()
        - name: r
          expression: rank()
  - id: metrics_out
    type: Target
    position: { x: 600, y: 0 }
    config:
      table: gold.event_metrics
      mode: overwrite
  - id: log_out
    type: Target
    position: { x: 600, y: 100 }
    config:
      dataset: event_log
      mode: append
  - id: per_user
    type: Aggregate
    position: { x: 400, y: 200 }
    config:
      groupBy:
        - user_id
      aggregates:
        - name: total
          expression: sum(amount)
  - id: sums_out
    type: Target
    position: { x: 600, y: 200 }
    config:
      table: gold.user_sums
      mode: overwrite
  - id: totals_out
    type: Target
    position: { x: 600, y: 300 }
    config:
      dataset: user_totals
      mode: merge
      mergeKeys:
        - user_id
edges:
  - from: { node: events, port: out }
    to: { node: derived, port: in }
  - from: { node: derived, port: out }
    to: { node: ranked, port: in }
  - from: { node: ranked, port: out }
    to: { node: metrics_out, port: in }
  - from: { node: ranked, port: out }
    to: { node: log_out, port: in }
  - from: { node: events, port: out }
    to: { node: per_user, port: in }
  - from: { node: per_user, port: out }
    to: { node: sums_out, port: in }
  - from: { node: per_user, port: out }
    to: { node: totals_out, port: in }
`,
  };
  return Object.entries(files).map(([path, text]) => ({ path, text }));
}
