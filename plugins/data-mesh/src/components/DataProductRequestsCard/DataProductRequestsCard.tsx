import { InfoCard, ResponseErrorPanel } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import type { DataProductEntity } from '@meshwork/data-mesh-common';
import {
  NotADataProductPanel,
  useDataProductEntity,
} from '../DataProductEntity';
import { ApproverTable } from '../Subscriptions';
import { useProductSubscriptions } from './useProductSubscriptions';

/** The id the count badge links to. */
export const REQUESTS_ANCHOR = 'access-requests';

const Requests = ({ entity }: { entity: DataProductEntity }) => {
  const state = useProductSubscriptions(entity);
  // Until it is known whether the user approves, show nothing: most
  // visitors do not, and a panel that flashes and vanishes is noise.
  if (state.loading && !state.value) return null;
  if (state.error) {
    return (
      <InfoCard title="Access requests">
        <ResponseErrorPanel error={state.error} />
      </InfoCard>
    );
  }
  // Only the product's approvers decide; for everyone else the card is not
  // there at all rather than an empty panel they can do nothing with.
  if (!state.value?.approver) return null;
  const live = state.value.items.filter(
    item => item.state === 'pending' || item.state === 'approved',
  );
  const pending = live.filter(item => item.state === 'pending').length;
  return (
    <div id={REQUESTS_ANCHOR}>
      <ApproverTable
        title={`Access requests (${pending} pending)`}
        subscriptions={live}
        onChanged={state.retry}
        emptyContent={
          <Typography variant="body2" style={{ padding: 16 }}>
            No pending requests and no team has access. Requests appear here as
            teams ask; the Consumers tab keeps the history.
          </Typography>
        }
      />
    </div>
  );
};

/**
 * The Requests panel of a product's approvers: pending requests to approve
 * or deny, approved ones to revoke. Shown to approvers only.
 */
export const DataProductRequestsCard = () => {
  const entity = useDataProductEntity();
  if (!entity) {
    return <NotADataProductPanel />;
  }
  return <Requests entity={entity} />;
};
