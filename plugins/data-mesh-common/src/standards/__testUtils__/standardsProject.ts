import type { ProjectSourceFile } from '../../projectCompiler/types';

/**
 * A small project built on the standards library: customers cleaned with
 * `normalize_email` and `fiscal_quarter`, segmented by
 * `standards/CommonSalesClassification`, rows without an e-mail
 * quarantined by `standards/quarantine_invalid_rows`, and the e-mail
 * hashed by a Mask gem. `changes` replaces or adds files (`null` removes one).
 */
export function standardsProject(
  standardsVersion: string | undefined,
  changes: Record<string, string | null> = {},
): ProjectSourceFile[] {
  const files: Record<string, string | null> = {
    'meshwork.yaml': `formatVersion: 1
name: crm
owner: group:default/crm
domain: sales
${
  standardsVersion === undefined
    ? ''
    : `standardsVersion: "${standardsVersion}"\n`
}engine:
  defaultDialect: spark
  targets:
    dev:
      catalog: dev
      schema: crm
`,
    'datasets/raw_customers.dataset.yaml': `formatVersion: 1
name: raw_customers
table: bronze.customers
layer: bronze
visibility: internal
owner: group:default/crm
contract:
  columns:
    - name: customer_id
      type: bigint
    - name: email
      type: string
    - name: signup_date
      type: date
    - name: business_size
      type: string
    - name: sector
      type: string
    - name: geography
      type: string
    - name: region
      type: string
`,
    'datasets/customers.dataset.yaml': `formatVersion: 1
name: customers
table: silver.customers
layer: silver
visibility: internal
owner: group:default/crm
contract:
  columns:
    - name: customer_id
      type: bigint
    - name: email
      type: string
    - name: signup_quarter
      type: string
    - name: segment
      type: string
`,
    'datasets/customer_errors.dataset.yaml': `formatVersion: 1
name: customer_errors
table: silver.customer_errors
layer: silver
visibility: internal
owner: group:default/crm
contract:
  columns:
    - name: customer_id
      type: bigint
    - name: email
      type: string
    - name: signup_quarter
      type: string
    - name: segment
      type: string
    - name: reason
      type: string
    - name: quarantined_at
      type: timestamp
`,
    'pipelines/CleanCustomers.pipeline.yaml': `formatVersion: 1
name: CleanCustomers
nodes:
  - id: raw
    type: Source
    position: { x: 0, y: 0 }
    config:
      dataset: raw_customers
  - id: segmented
    type: BusinessRule
    position: { x: 200, y: 0 }
    config:
      rule: standards/CommonSalesClassification
      outputColumn: segment
      bindings:
        business_size: business_size
        sector: sector
        geography: geography
        region: region
  - id: cleaned
    type: Reformat
    position: { x: 400, y: 0 }
    config:
      columns:
        - name: customer_id
          expression: customer_id
        - name: email
          expression: normalize_email(email)
        - name: signup_quarter
          expression: fiscal_quarter(signup_date)
        - name: segment
          expression: segment
        - name: is_valid
          expression: email IS NOT NULL
  - id: split
    type: Subgraph
    position: { x: 600, y: 0 }
    config:
      subgraph: standards/quarantine_invalid_rows
      parameters:
        reason: no e-mail address
  - id: hashed
    type: Mask
    position: { x: 800, y: 0 }
    config:
      column: email
      method: hash
  - id: out
    type: Target
    position: { x: 1000, y: 0 }
    config:
      dataset: customers
      mode: overwrite
  - id: errors
    type: Target
    position: { x: 800, y: 200 }
    config:
      dataset: customer_errors
      mode: append
edges:
  - from: { node: raw, port: out }
    to: { node: segmented, port: in }
  - from: { node: segmented, port: out }
    to: { node: cleaned, port: in }
  - from: { node: cleaned, port: out }
    to: { node: split, port: rows }
  - from: { node: split, port: valid }
    to: { node: hashed, port: in }
  - from: { node: hashed, port: out }
    to: { node: out, port: in }
  - from: { node: split, port: errors }
    to: { node: errors, port: in }
`,
    ...changes,
  };
  return Object.entries(files)
    .filter((entry): entry is [string, string] => entry[1] !== null)
    .map(([path, text]) => ({ path, text }));
}
