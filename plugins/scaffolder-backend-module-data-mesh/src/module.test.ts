import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  scaffolderActionsExtensionPoint,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { scaffolderModuleDataMesh } from './module';

describe('scaffolderModuleDataMesh', () => {
  it('adds the data-mesh actions to the scaffolder', async () => {
    const actions: TemplateAction<any, any>[] = [];
    await startTestBackend({
      extensionPoints: [
        [
          scaffolderActionsExtensionPoint,
          { addActions: (...added: any[]) => actions.push(...added) },
        ],
      ],
      features: [
        scaffolderModuleDataMesh,
        catalogServiceMock.factory(),
        mockServices.rootConfig.factory({ data: {} }),
      ],
    });
    expect(actions.map(a => a.id)).toEqual([
      'data-mesh:project:init',
      'data-mesh:compile',
      'data-mesh:dataset:add',
      'data-mesh:publish:local',
    ]);
    for (const action of actions) {
      expect(action.examples?.length).toBeGreaterThan(0);
      expect(action.schema?.input).toMatchObject({ type: 'object' });
    }
  });
});
