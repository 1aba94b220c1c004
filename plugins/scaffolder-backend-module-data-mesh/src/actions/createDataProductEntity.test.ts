import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createMockDirectory } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import { parse } from 'yaml';
import { createDataProductEntityAction } from './createDataProductEntity';

describe('data-mesh:data-product:create', () => {
  const workspace = createMockDirectory();
  const action = createDataProductEntityAction();

  beforeEach(() => workspace.clear());

  const readWorkspaceFile = (file: string) =>
    fs.readFileSync(workspace.resolve(file), 'utf8');

  const baseInput = {
    name: 'total-sales',
    title: 'TotalSales',
    owner: 'group:default/sales-analytics',
    domain: 'sales',
    lifecycle: 'production',
    layer: 'gold' as const,
    visibility: 'published' as const,
    producedBy: 'component:default/hello-world',
    table: 'gold.total_sales',
    engine: 'duckdb',
    targetPath: 'catalog/total-sales.yaml',
  };

  it('writes a valid DataProduct descriptor and reports its ref', async () => {
    const ctx = createMockActionContext({
      input: baseInput,
      workspacePath: workspace.path,
    });

    await action.handler(ctx);

    const written = parse(readWorkspaceFile('catalog/total-sales.yaml'));
    expect(written).toEqual({
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
    });
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'dataproduct:default/total-sales',
    );
  });

  it('never overwrites an existing descriptor', async () => {
    workspace.setContent({ 'catalog/total-sales.yaml': 'keep me' });
    const ctx = createMockActionContext({
      input: baseInput,
      workspacePath: workspace.path,
    });

    await expect(action.handler(ctx)).rejects.toThrow(/already exists/);
    expect(readWorkspaceFile('catalog/total-sales.yaml')).toBe('keep me');
  });

  it('refuses to write outside the workspace', async () => {
    const ctx = createMockActionContext({
      input: { ...baseInput, targetPath: '../escape.yaml' },
      workspacePath: workspace.path,
    });

    await expect(action.handler(ctx)).rejects.toThrow(/outside/);
  });

  it('rejects an entity the catalog would not accept', async () => {
    const ctx = createMockActionContext({
      input: { ...baseInput, owner: '' },
      workspacePath: workspace.path,
    });

    await expect(action.handler(ctx)).rejects.toThrow(/Invalid data product/);
    expect(workspace.content()).toEqual({});
  });
});
