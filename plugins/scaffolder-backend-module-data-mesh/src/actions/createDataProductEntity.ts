import { stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError, InputError } from '@backstage/errors';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  DATA_MESH_API_VERSION,
  DataProductEntity,
  dataProductEntityV1alpha1Validator,
} from '@meshwork/data-mesh-common';
import fs from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';

/**
 * Creates the `data-mesh:data-product:create` action, which writes the
 * catalog descriptor of a new DataProduct into the scaffolder workspace.
 * @public
 */
export function createDataProductEntityAction() {
  return createTemplateAction({
    id: 'data-mesh:data-product:create',
    description:
      'Writes a DataProduct catalog entity (meshwork.io/v1alpha1) into the workspace',
    examples: [
      {
        description: 'A published gold data product of the sales domain',
        example: stringify({
          steps: [
            {
              id: 'data-product',
              action: 'data-mesh:data-product:create',
              name: 'Describe the data product',
              input: {
                name: 'total-sales',
                title: 'TotalSales',
                owner: 'group:default/sales-analytics',
                domain: 'sales',
                layer: 'gold',
                visibility: 'published',
                producedBy: 'component:default/hello-world',
                table: 'gold.total_sales',
              },
            },
          ],
        }),
      },
    ],
    schema: {
      input: {
        name: z =>
          z
            .string()
            .regex(/^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/, {
              message:
                'must be lower-case letters and digits separated by -, _ or .',
            })
            .max(63)
            .describe('Entity name, e.g. total-sales'),
        title: z => z.string().optional().describe('Display name'),
        description: z => z.string().optional(),
        owner: z => z.string().min(1).describe('Owning team entity reference'),
        domain: z => z.string().optional(),
        system: z => z.string().optional(),
        lifecycle: z => z.string().default('experimental'),
        layer: z => z.enum(['bronze', 'silver', 'gold']),
        visibility: z => z.enum(['internal', 'published']).default('internal'),
        producedBy: z =>
          z.string().optional().describe('The data project Component'),
        table: z =>
          z.string().optional().describe('Table the product is written to'),
        engine: z => z.string().default('duckdb'),
        targetPath: z =>
          z
            .string()
            .default('catalog-info.yaml')
            .describe('Workspace-relative file to write'),
      },
      output: {
        entityRef: z => z.string(),
        filePath: z => z.string(),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      const entity: DataProductEntity = {
        apiVersion: DATA_MESH_API_VERSION,
        kind: 'DataProduct',
        metadata: {
          name: input.name,
          ...(input.title && { title: input.title }),
          ...(input.description && { description: input.description }),
        },
        spec: {
          owner: input.owner,
          ...(input.domain && { domain: input.domain }),
          ...(input.system && { system: input.system }),
          lifecycle: input.lifecycle,
          visibility: input.visibility,
          layer: input.layer,
          ...(input.producedBy && { producedBy: input.producedBy }),
          ...(input.table && {
            outputPorts: [{ engine: input.engine, table: input.table }],
          }),
        },
      };

      try {
        await dataProductEntityV1alpha1Validator.check(entity);
      } catch (error) {
        throw new InputError(`Invalid data product: ${error}`);
      }

      const filePath = resolveSafeChildPath(
        ctx.workspacePath,
        input.targetPath,
      );
      await fs.mkdir(path.dirname(filePath), { recursive: true });
      try {
        // 'wx' so an existing descriptor is never overwritten.
        await fs.writeFile(filePath, stringify(entity), { flag: 'wx' });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
          throw new ConflictError(`${input.targetPath} already exists`);
        }
        throw error;
      }

      ctx.output('entityRef', stringifyEntityRef(entity));
      ctx.output('filePath', input.targetPath);
    },
  });
}
