import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { dataProjectsOfComponents } from './dataProjectsOfComponents';

const integrations = ScmIntegrations.fromConfig(new ConfigReader({}));

function component(name: string, namespace: string, repo?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace,
      annotations: {
        'backstage.io/managed-by-location': 'file:/srv/catalog/projects.yaml',
        ...(repo && { 'meshwork.io/project-repo': repo }),
      },
    },
    spec: { type: 'data-project' },
  };
}

describe('dataProjectsOfComponents', () => {
  it('resolves each Component, keeping the first of two with one name and saying why others are skipped', () => {
    const { projects, skipped } = dataProjectsOfComponents(
      [
        component('shop', 'zeta', 'dir:./zeta-shop'),
        component('bare', 'default'),
        component('shop', 'alpha', 'dir:./shop'),
        component('sales', 'default', 'url:https://github.com/acme/sales'),
      ],
      integrations,
    );
    expect(
      projects.map(p => [p.entityRef, p.location.type, p.location.target]),
    ).toEqual([
      ['component:alpha/shop', 'dir', '/srv/catalog/shop'],
      ['component:default/sales', 'url', 'https://github.com/acme/sales'],
    ]);
    expect(skipped).toEqual([
      'Data project skipped: component:default/bare: annotation meshwork.io/project-repo is missing',
      'Data project component:zeta/shop skipped: another Component is named shop (data projects are known by name alone)',
    ]);
  });
});
