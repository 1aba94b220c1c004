import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { dataMeshApiRef } from '../../api';

/**
 * The data project of the Component whose page this is: the backend knows
 * data projects by their Component's name.
 */
export function useDataProject() {
  const { entity } = useEntity();
  const api = useApi(dataMeshApiRef);
  const project = entity.metadata.name;
  const state = useAsyncRetry(() => api.getProject(project), [api, project]);
  return { project, ...state };
}
