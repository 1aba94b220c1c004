import { createRouteRef } from '@backstage/frontend-plugin-api';

export const rootRouteRef = createRouteRef();

/** The "My access" page: the user's teams' subscriptions and requests to decide. */
export const myAccessRouteRef = createRouteRef();

/** The pipeline editor: one pipeline of a data project. */
export const pipelineEditorRouteRef = createRouteRef({
  params: ['project', 'pipeline'],
});
