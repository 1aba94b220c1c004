import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { ScmIntegrations } from '@backstage/integration';
import { dataProjectLocation } from './dataProjectLocation';

const integrations = ScmIntegrations.fromConfig(new ConfigReader({}));

function component(
  annotations: Record<string, string>,
  name = 'hello-world',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'data-project' },
  };
}

const fromFile = (repo: string) =>
  component({
    'backstage.io/managed-by-location':
      'file:/srv/portal/catalog-info/data-projects.yaml',
    'meshwork.io/project-repo': repo,
  });

describe('dataProjectLocation', () => {
  it('resolves dir: against the local catalog file the Component came from', () => {
    expect(
      dataProjectLocation(
        fromFile('dir:../examples/hello-world'),
        integrations,
      ),
    ).toEqual({ type: 'dir', target: '/srv/portal/examples/hello-world' });
    expect(dataProjectLocation(fromFile('dir:.'), integrations)).toEqual({
      type: 'dir',
      target: '/srv/portal/catalog-info',
    });
  });

  it('resolves dir: against the repository the catalog-info.yaml is in', () => {
    const entity = component({
      'backstage.io/managed-by-location':
        'url:https://github.com/acme/sales-data/blob/main/catalog-info.yaml',
      'meshwork.io/project-repo': 'dir:./hello-world',
    });
    expect(dataProjectLocation(entity, integrations)).toEqual({
      type: 'url',
      target: 'https://github.com/acme/sales-data/tree/main/hello-world',
    });
  });

  it('prefers the source location to the managed-by location, as TechDocs does', () => {
    const entity = component({
      'backstage.io/managed-by-location':
        'url:https://github.com/acme/catalog/blob/main/all.yaml',
      'backstage.io/source-location':
        'url:https://github.com/acme/sales-data/tree/main/',
      'meshwork.io/project-repo': 'dir:projects/hello-world',
    });
    expect(dataProjectLocation(entity, integrations)).toEqual({
      type: 'url',
      target:
        'https://github.com/acme/sales-data/tree/main/projects/hello-world',
    });
  });

  it('takes url: as it is', () => {
    const url = 'https://github.com/acme/sales-data/tree/main/hello-world';
    expect(dataProjectLocation(fromFile(`url:${url}`), integrations)).toEqual({
      type: 'url',
      target: url,
    });
  });

  it.each([
    [
      undefined,
      /component:default\/hello-world: annotation meshwork.io\/project-repo is missing/,
    ],
    [
      'examples/hello-world',
      /'examples\/hello-world' is not a location reference: expected dir:<path> or url:<url>/,
    ],
    [
      'file:/srv/hello-world',
      /has type 'file': expected dir:<path> or url:<url>/,
    ],
    ['url:hello-world', /'hello-world' is not a URL/],
  ])('refuses the annotation %p', (repo, message) => {
    const entity = fromFile(repo ?? '');
    if (repo === undefined) {
      delete entity.metadata.annotations!['meshwork.io/project-repo'];
    }
    const read = () => dataProjectLocation(entity, integrations);
    expect(read).toThrow(InputError);
    expect(read).toThrow(message);
  });

  it('refuses dir: on a Component that says nothing of where it came from', () => {
    const entity = component({ 'meshwork.io/project-repo': 'dir:.' });
    expect(() => dataProjectLocation(entity, integrations)).toThrow(
      /dir:\. needs the location the entity came from, and it has none/,
    );
  });
});
