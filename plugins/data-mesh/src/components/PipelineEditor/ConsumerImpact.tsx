import { useApi } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { dataMeshApiRef } from '../../api';
import type { WriteChange } from './writeChanges';

/**
 * The consumers a commit would affect: for each dataset whose writing the
 * draft changes, the teams with an approved subscription to its product.
 */
export const ConsumerImpact = (props: {
  project: string;
  changes: readonly WriteChange[];
}) => {
  const { project, changes } = props;
  const api = useApi(dataMeshApiRef);
  const key = changes.map(c => c.description).join('\n');
  const consumers = useAsync(async () => {
    if (changes.length === 0) return new Map<string, string[]>();
    const structure = await api.getProject(project);
    const entries = await Promise.all(
      changes.map(async change => {
        const product = structure.datasets.find(
          d => d.name === change.dataset,
        )?.entityRef;
        if (!product) return [change.dataset, []] as const;
        const { items } = await api.listSubscriptions({
          product,
          state: 'approved',
        });
        return [change.dataset, [...new Set(items.map(s => s.team))]] as const;
      }),
    );
    return new Map<string, string[]>(entries.map(([d, t]) => [d, [...t]]));
    // The changes are compared by what they say.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, project, key]);

  if (changes.length === 0) return null;
  return (
    <Box role="region" aria-label="Consumers this commit affects">
      <Typography variant="subtitle2">Before you commit</Typography>
      {changes.map(change => {
        const teams = consumers.value?.get(change.dataset);
        return (
          <Typography key={change.description} variant="body2" color="error">
            {`${change.description}. `}
            {consumers.loading && 'Looking up its consumers…'}
            {consumers.error &&
              `Its consumers could not be listed: ${consumers.error.message}`}
            {teams &&
              (teams.length
                ? `Subscribed: ${teams.join(', ')}.`
                : 'No team subscribes to it.')}
          </Typography>
        );
      })}
    </Box>
  );
};
