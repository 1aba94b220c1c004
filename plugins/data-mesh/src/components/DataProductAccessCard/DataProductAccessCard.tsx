import { EmptyState, InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import {
  completeEntityRef,
  NotADataProductPanel,
  useDataProductEntity,
} from '../DataProductEntity';

/**
 * Where a consumer will ask for access. Subscriptions are not built yet;
 * this card holds their place on the page and says who to ask meanwhile,
 * rather than offering a button that does nothing.
 */
export const DataProductAccessCard = () => {
  const entity = useDataProductEntity();
  if (!entity) {
    return <NotADataProductPanel />;
  }
  const owner = completeEntityRef(entity.spec.owner, 'group', entity);
  return (
    <InfoCard title="Access">
      <EmptyState
        missing="info"
        title="Requesting access is coming"
        description="Subscriptions to data products will let you request access here and follow the owning team's approval."
        action={
          <Typography variant="body2">
            Until then, ask the owner:{' '}
            {owner ? <EntityRefLink entityRef={owner} /> : entity.spec.owner}
          </Typography>
        }
      />
    </InfoCard>
  );
};
