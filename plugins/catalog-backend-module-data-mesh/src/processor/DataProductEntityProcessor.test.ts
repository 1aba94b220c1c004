import { Entity } from '@backstage/catalog-model';
import { LocationSpec } from '@backstage/plugin-catalog-node';
import { DataProductEntityProcessor } from './DataProductEntityProcessor';

const location: LocationSpec = { type: 'url', target: 'http://example.com' };

const totalSales: Entity = {
  apiVersion: 'meshwork.io/v1alpha1',
  kind: 'DataProduct',
  metadata: { name: 'total-sales', namespace: 'default' },
  spec: {
    owner: 'sales-analytics',
    domain: 'sales',
    system: 'sales-insights',
    lifecycle: 'production',
    visibility: 'published',
    layer: 'gold',
    producedBy: 'hello-world',
    dependsOn: ['customer-order'],
  },
};

describe('DataProductEntityProcessor', () => {
  const processor = new DataProductEntityProcessor();

  it('validates DataProduct entities and leaves other kinds alone', async () => {
    await expect(processor.validateEntityKind(totalSales)).resolves.toBe(true);
    await expect(
      processor.validateEntityKind({ ...totalSales, kind: 'Component' }),
    ).resolves.toBe(false);
    await expect(
      processor.validateEntityKind({ ...totalSales, spec: { owner: 'x' } }),
    ).rejects.toThrow(/lifecycle/);
  });

  it('emits every relation in both directions', async () => {
    const emit = jest.fn();

    await processor.postProcessEntity(totalSales, location, emit);

    const relations = emit.mock.calls.map(([result]) => {
      const { source, type, target } = result.relation;
      return `${source.kind}:${source.name} ${type} ${target.kind}:${target.name}`;
    });
    expect(relations).toEqual([
      'DataProduct:total-sales ownedBy Group:sales-analytics',
      'Group:sales-analytics ownerOf DataProduct:total-sales',
      'DataProduct:total-sales partOf Domain:sales',
      'Domain:sales hasPart DataProduct:total-sales',
      'DataProduct:total-sales partOf System:sales-insights',
      'System:sales-insights hasPart DataProduct:total-sales',
      'DataProduct:total-sales producedBy Component:hello-world',
      'Component:hello-world produces DataProduct:total-sales',
      'DataProduct:total-sales dependsOn DataProduct:customer-order',
      'DataProduct:customer-order dependencyOf DataProduct:total-sales',
    ]);
  });

  it('relates the product and each consuming team both ways', async () => {
    const emit = jest.fn();

    await processor.postProcessEntity(
      {
        ...totalSales,
        spec: {
          owner: 'group:default/sales-analytics',
          lifecycle: 'production',
          visibility: 'published',
          layer: 'gold',
          consumers: [
            {
              team: 'group:default/finance-insights',
              since: '2026-12-05T10:00:00.000Z',
            },
            {
              team: 'marketing-analytics',
              since: '2026-12-06T10:00:00.000Z',
              columns: ['category'],
            },
          ],
        },
      },
      location,
      emit,
    );

    const relations = emit.mock.calls.map(([result]) => {
      const { source, type, target } = result.relation;
      return `${source.kind}:${source.namespace}/${source.name} ${type} ${target.kind}:${target.namespace}/${target.name}`;
    });
    expect(relations).toEqual([
      'DataProduct:default/total-sales ownedBy group:default/sales-analytics',
      'group:default/sales-analytics ownerOf DataProduct:default/total-sales',
      'DataProduct:default/total-sales subscribedBy group:default/finance-insights',
      'group:default/finance-insights subscribesTo DataProduct:default/total-sales',
      'DataProduct:default/total-sales subscribedBy Group:default/marketing-analytics',
      'Group:default/marketing-analytics subscribesTo DataProduct:default/total-sales',
    ]);
  });

  it('rejects a malformed consumers field, naming the field', async () => {
    await expect(
      processor.validateEntityKind({
        ...totalSales,
        spec: {
          ...totalSales.spec,
          consumers: [{ team: 'group:default/finance-insights' }],
        },
      }),
    ).rejects.toThrow(/consumers\/0.*since/);
    await expect(
      processor.validateEntityKind({
        ...totalSales,
        spec: { ...totalSales.spec, consumers: 'group:default/finance' },
      }),
    ).rejects.toThrow(/consumers/);
  });

  it('keeps explicit kinds and namespaces of references', async () => {
    const emit = jest.fn();

    await processor.postProcessEntity(
      {
        ...totalSales,
        spec: {
          ...totalSales.spec,
          owner: 'user:finance/fiona',
          domain: undefined,
          system: undefined,
          producedBy: undefined,
          dependsOn: undefined,
        },
      },
      location,
      emit,
    );

    expect(emit.mock.calls[0][0].relation.target).toEqual({
      kind: 'user',
      namespace: 'finance',
      name: 'fiona',
    });
  });
});
