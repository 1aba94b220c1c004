import { ResponseError } from '@backstage/errors';
import { Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { DataMeshApi, dataMeshApiRef, Subscription } from '../../../api';
import { myAccessRouteRef } from '../../../routes';

/** Who is signed in for a subscription view. */
export interface Viewer {
  /** Group refs the user belongs to. */
  teams: string[];
  /** Whether they approve access to every product (the permission's answer). */
  approves?: boolean;
}

export const fiona: Viewer = { teams: ['group:default/finance-insights'] };
export const sam: Viewer = {
  teams: ['group:default/sales-analytics'],
  approves: true,
};

/**
 * Renders a subscription view as `viewer`, on `entity`'s page when given,
 * with the data-mesh API faked by the given methods (others reject).
 */
export function renderSubscriptionView(
  element: JSX.Element,
  options: {
    viewer: Viewer;
    entity?: Entity;
    dataMeshApi?: Partial<DataMeshApi>;
  },
) {
  const { viewer, entity, dataMeshApi = {} } = options;
  return renderInTestApp(
    entity ? (
      <EntityProvider entity={entity}>{element}</EntityProvider>
    ) : (
      element
    ),
    {
      apis: [
        [dataMeshApiRef, dataMeshApi],
        mockApis.identity({
          userEntityRef: 'user:default/someone',
          ownershipEntityRefs: ['user:default/someone', ...viewer.teams],
        }),
        mockApis.permission({
          authorize: viewer.approves
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
        }),
      ],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/data-mesh/access': myAccessRouteRef,
      },
    },
  );
}

/** A subscription to TotalSales with the given changes. */
export function subscription(
  changes: Partial<Subscription> = {},
): Subscription {
  return {
    id: 'sub-1',
    product: 'dataproduct:default/total-sales',
    project: 'hello-world',
    dataset: 'TotalSales',
    requester: 'user:default/fiona',
    team: 'group:default/finance-insights',
    purpose: 'Revenue forecasts',
    allColumns: true,
    contractVersion: 'sha256:abc',
    state: 'pending',
    grantStatus: 'none',
    createdAt: '2026-12-01T10:00:00.000Z',
    updatedAt: '2026-12-01T10:00:00.000Z',
    ...changes,
  };
}

/** The ResponseError the client rejects with for a refusal of the backend. */
export function apiError(
  statusCode: number,
  name: string,
  message: string,
): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message },
        request: { method: 'GET', url: '/api/data-mesh' },
        response: { statusCode },
      }),
      { status: statusCode, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}
