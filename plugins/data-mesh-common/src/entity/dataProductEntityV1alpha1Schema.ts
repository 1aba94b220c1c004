/**
 * Draft-07 JSON schema of the DataProduct kind. It extends Backstage's base
 * `Entity` schema (referenced by id) the same way the built-in kinds do, so
 * `entityKindSchemaValidator` reports errors with the failing field's path.
 *
 * The contract mirrors the parts of ODCS v3.1 Meshwork uses; unknown contract
 * keys are allowed so that a real ODCS contract can be imported unchanged.
 * @public
 */
export const dataProductEntityV1alpha1Schema = {
  $schema: 'http://json-schema.org/draft-07/schema',
  $id: 'DataProductV1alpha1',
  description:
    'A DataProduct is a dataset a domain team offers to the rest of the company, with an owner and a data contract.',
  examples: [
    {
      apiVersion: 'meshwork.io/v1alpha1',
      kind: 'DataProduct',
      metadata: { name: 'total-sales', title: 'TotalSales' },
      spec: {
        owner: 'group:default/sales-analytics',
        domain: 'sales',
        lifecycle: 'production',
        visibility: 'published',
        layer: 'gold',
        producedBy: 'component:default/hello-world',
        outputPorts: [{ engine: 'duckdb', table: 'gold.total_sales' }],
      },
    },
  ],
  allOf: [
    { $ref: 'Entity' },
    {
      type: 'object',
      required: ['spec'],
      properties: {
        apiVersion: { enum: ['meshwork.io/v1alpha1'] },
        kind: { enum: ['DataProduct'] },
        spec: {
          type: 'object',
          required: ['owner', 'lifecycle', 'visibility', 'layer'],
          properties: {
            owner: {
              type: 'string',
              minLength: 1,
              description: 'Entity reference of the owning team.',
            },
            domain: { type: 'string', minLength: 1 },
            system: { type: 'string', minLength: 1 },
            lifecycle: { type: 'string', minLength: 1 },
            visibility: { enum: ['internal', 'published'] },
            layer: { enum: ['bronze', 'silver', 'gold'] },
            producedBy: {
              type: 'string',
              minLength: 1,
              description:
                'Entity reference of the data project Component that writes this dataset.',
            },
            dependsOn: {
              type: 'array',
              items: { type: 'string', minLength: 1 },
            },
            contract: { $ref: '#/definitions/contract' },
            outputPorts: {
              type: 'array',
              items: {
                type: 'object',
                required: ['engine', 'table'],
                properties: {
                  engine: { type: 'string', minLength: 1 },
                  target: { type: 'string', minLength: 1 },
                  table: { type: 'string', minLength: 1 },
                },
              },
            },
            containsPii: {
              type: 'boolean',
              description:
                'Whether a contract column is classified pii; reading the product then needs an approved subscription.',
            },
            access: {
              type: 'object',
              description: 'How consumers get access to the product.',
              additionalProperties: false,
              properties: {
                autoApprove: {
                  type: 'boolean',
                  description:
                    'Approve requests for columns without PII at once, without an approver.',
                },
              },
            },
            consumers: {
              type: 'array',
              description:
                'The teams with an approved subscription to the product, one entry per team.',
              items: {
                type: 'object',
                required: ['team', 'since'],
                additionalProperties: false,
                properties: {
                  team: {
                    type: 'string',
                    minLength: 1,
                    description: 'Entity reference of the consuming team.',
                  },
                  since: {
                    type: 'string',
                    minLength: 1,
                    description:
                      'When the access was approved, an ISO 8601 date-time.',
                  },
                  columns: {
                    type: 'array',
                    minItems: 1,
                    items: { type: 'string', minLength: 1 },
                    description:
                      'The columns the team may read; absent for all of them.',
                  },
                },
              },
            },
          },
        },
      },
    },
  ],
  definitions: {
    contract: {
      type: 'object',
      properties: {
        schema: {
          type: 'array',
          items: {
            type: 'object',
            required: ['name'],
            properties: {
              name: { type: 'string', minLength: 1 },
              physicalName: { type: 'string' },
              description: { type: 'string' },
              properties: {
                type: 'array',
                items: { $ref: '#/definitions/column' },
              },
              quality: {
                type: 'array',
                items: { $ref: '#/definitions/qualityRule' },
              },
            },
          },
        },
        quality: {
          type: 'array',
          items: { $ref: '#/definitions/qualityRule' },
        },
        slaProperties: {
          type: 'array',
          items: {
            type: 'object',
            required: ['property', 'value'],
            properties: {
              property: { type: 'string', minLength: 1 },
              value: { type: ['string', 'number', 'boolean'] },
              unit: { type: 'string' },
              element: { type: 'string' },
            },
          },
        },
        support: {
          type: 'array',
          items: {
            type: 'object',
            required: ['channel'],
            properties: {
              channel: { type: 'string' },
              url: { type: 'string' },
              tool: { type: 'string' },
            },
          },
        },
      },
    },
    column: {
      type: 'object',
      required: ['name'],
      properties: {
        name: { type: 'string', minLength: 1 },
        logicalType: { type: 'string' },
        physicalType: { type: 'string' },
        description: { type: 'string' },
        required: { type: 'boolean' },
        primaryKey: { type: 'boolean' },
        classification: { type: 'string' },
        tags: { type: 'array', items: { type: 'string' } },
        transformLogic: { type: 'string' },
        transformSourceObjects: { type: 'array', items: { type: 'string' } },
        quality: {
          type: 'array',
          items: { $ref: '#/definitions/qualityRule' },
        },
      },
    },
    qualityRule: {
      type: 'object',
      properties: {
        id: { type: 'string' },
        name: { type: 'string' },
        description: { type: 'string' },
        type: { enum: ['library', 'sql', 'text', 'custom'] },
        rule: { type: 'string' },
        metric: { type: 'string' },
        query: { type: 'string' },
        dimension: { type: 'string' },
        column: { type: 'string' },
        mustBeGreaterThan: { type: 'number' },
        mustBeGreaterOrEqualTo: { type: 'number' },
        mustBeLessThan: { type: 'number' },
        mustBeLessOrEqualTo: { type: 'number' },
        mustBeBetween: {
          type: 'array',
          items: { type: 'number' },
          minItems: 2,
          maxItems: 2,
        },
        severity: { enum: ['error', 'warning'] },
      },
    },
  },
} as const;
