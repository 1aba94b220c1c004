import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import { dataMeshPage, dataMeshPlugin, myAccessPage } from './plugin';

describe('data-mesh frontend plugin', () => {
  it('has the data-mesh plugin id and a root route', () => {
    expect(dataMeshPlugin.pluginId).toBe('data-mesh');
    expect(dataMeshPlugin.routes.root).toBeDefined();
  });

  it('offers a "Data Mesh" page at /data-mesh for the sidebar', () => {
    const tester = createExtensionTester(dataMeshPage);

    expect(tester.get(coreExtensionData.title)).toBe('Data Mesh');
    expect(tester.get(coreExtensionData.routePath)).toBe('/data-mesh');
  });

  it('offers a "My access" page at /data-mesh/access with its own route', () => {
    const tester = createExtensionTester(myAccessPage);

    expect(tester.get(coreExtensionData.title)).toBe('My access');
    expect(tester.get(coreExtensionData.routePath)).toBe('/data-mesh/access');
    expect(dataMeshPlugin.routes.myAccess).toBeDefined();
  });
});
