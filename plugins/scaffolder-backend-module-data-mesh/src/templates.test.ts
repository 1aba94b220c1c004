import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { templateEntityV1beta3Validator } from '@backstage/plugin-scaffolder-common';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { createCompileAction } from './actions/compile';
import { createDatasetAddAction } from './actions/datasetAdd';
import { createProjectInitAction } from './actions/projectInit';
import { createPublishLocalAction } from './actions/publishLocal';

const templatesRoot = path.resolve(__dirname, '../../../templates');

const ownActions = [
  createProjectInitAction({ catalog: catalogServiceMock() }),
  createCompileAction(),
  createDatasetAddAction({
    catalog: catalogServiceMock(),
    permissions: mockServices.permissions(),
    integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
  }),
  createPublishLocalAction({
    catalog: catalogServiceMock(),
    config: mockServices.rootConfig(),
  }),
];

/** Backstage's actions the templates use, which this package does not define. */
const builtinActions = ['publish:github', 'catalog:register'];

function templates() {
  return ['new-data-project', 'new-data-product'].map(name => ({
    name,
    entity: parse(
      fs.readFileSync(path.join(templatesRoot, name, 'template.yaml'), 'utf8'),
    ),
  }));
}

describe('the templates', () => {
  it.each(templates())(
    '$name is a valid template entity',
    async ({ entity }) => {
      expect(await templateEntityV1beta3Validator.check(entity)).toBe(true);
    },
  );

  it.each(templates())(
    '$name gives its data-mesh steps only inputs they take',
    ({ entity }) => {
      const steps: Array<{ action: string; input: object }> = entity.spec.steps;
      for (const step of steps) {
        if (builtinActions.includes(step.action)) continue;
        const action = ownActions.find(a => a.id === step.action);
        expect(action).toBeDefined();
        const accepted = Object.keys(
          (action!.schema!.input as { properties: object }).properties,
        );
        expect(accepted).toEqual(
          expect.arrayContaining(Object.keys(step.input)),
        );
      }
    },
  );

  it('are registered in the catalog from app-config.yaml', () => {
    const config = parse(
      fs.readFileSync(
        path.resolve(templatesRoot, '../app-config.yaml'),
        'utf8',
      ),
    );
    const targets = config.catalog.locations.map(
      (l: { target: string }) => l.target,
    );
    for (const { name } of templates()) {
      expect(targets).toContain(`../../templates/${name}/template.yaml`);
    }
  });
});
