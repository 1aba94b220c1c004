import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider, entityRouteRef } from '@backstage/plugin-catalog-react';
import { DataMeshApi, dataMeshApiRef } from '../../../api';
import { pipelineEditorRouteRef } from '../../../routes';

/**
 * Renders a view on an entity's page, with entity links resolvable and the
 * data-mesh API faked by the methods given (others reject, so a test fails
 * when a view calls what it did not expect).
 */
export function renderWithEntity(
  element: JSX.Element,
  entity: Entity,
  dataMeshApi: Partial<DataMeshApi> = {},
) {
  return renderInTestApp(
    <EntityProvider entity={entity}>{element}</EntityProvider>,
    {
      apis: [[dataMeshApiRef, dataMeshApi]],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/data-mesh/pipelines/:project/:pipeline': pipelineEditorRouteRef,
      },
    },
  );
}
