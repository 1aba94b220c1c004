import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import type { DataProductEntity } from '@meshwork/data-mesh-common';
import { ReactNode } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { dataMeshApiRef, Subscription } from '../../api';
import {
  completeEntityRef,
  NotADataProductPanel,
  useDataProductEntity,
} from '../DataProductEntity';
import {
  describeColumns,
  formatDay,
  GrantStatus,
  normalizeRef,
  RequestAccessButton,
  SubscriptionStateChip,
  useUserTeams,
  WithdrawButton,
} from '../Subscriptions';

const Fact = (props: { label: string; children: ReactNode }) => (
  <Typography variant="body2" component="div" paragraph>
    <strong>{props.label}:</strong> {props.children}
  </Typography>
);

/** The user's current access to the product, or their pending request. */
const CurrentAccess = (props: {
  subscription: Subscription;
  onChanged: () => void;
}) => {
  const { subscription } = props;
  const pending = subscription.state === 'pending';
  return (
    <div
      aria-label={pending ? 'Your pending request' : 'Your access'}
      role="region"
    >
      <Typography variant="h6" gutterBottom>
        {pending ? 'Request pending' : 'Access approved'}{' '}
        <SubscriptionStateChip state={subscription.state} />
      </Typography>
      <Fact label="Team">
        <EntityRefLink entityRef={subscription.team} defaultKind="group" />
      </Fact>
      <Fact label="Columns">{describeColumns(subscription)}</Fact>
      {subscription.purpose && (
        <Fact label="Purpose">{subscription.purpose}</Fact>
      )}
      <Fact label="Expires">{formatDay(subscription.expiresAt)}</Fact>
      {!pending && (
        <Fact label="Grant">
          <GrantStatus subscription={subscription} />
        </Fact>
      )}
      {pending && (
        <>
          <Typography variant="body2" paragraph>
            The owning team decides; you are notified of the decision.
          </Typography>
          <WithdrawButton
            subscription={subscription}
            onChanged={props.onChanged}
          />
        </>
      )}
    </div>
  );
};

const Access = ({ entity }: { entity: DataProductEntity }) => {
  const api = useApi(dataMeshApiRef);
  const teams = useUserTeams();
  const product = stringifyEntityRef(entity);
  const mine = useAsyncRetry(
    () => api.listSubscriptions({ product, mine: true }),
    [api, product],
  );
  const owner = completeEntityRef(entity.spec.owner, 'group', entity);
  const ownerLink = owner ? (
    <EntityRefLink entityRef={owner} />
  ) : (
    <>{entity.spec.owner}</>
  );

  if (entity.spec.visibility === 'internal') {
    return (
      <EmptyState
        missing="info"
        title="Internal data product"
        description="Internal products serve their owning team only and cannot be requested. Ask the owner to publish it if other teams need it."
        action={<Typography variant="body2">Owner: {ownerLink}</Typography>}
      />
    );
  }
  if (teams.loading || mine.loading) return <Progress />;
  if (teams.error) return <ResponseErrorPanel error={teams.error} />;
  if (mine.error) return <ResponseErrorPanel error={mine.error} />;

  const userTeams = teams.value?.teams ?? [];
  if (owner && userTeams.includes(normalizeRef(entity.spec.owner, 'group'))) {
    return (
      <Typography variant="body2">
        Your team {ownerLink} owns this product. Other teams' requests appear in
        the Requests panel and on the Consumers tab.
      </Typography>
    );
  }
  // Newest first: the first live subscription is the one that counts.
  const current = mine.value?.items.find(
    item => item.state === 'pending' || item.state === 'approved',
  );
  if (current) {
    return <CurrentAccess subscription={current} onChanged={mine.retry} />;
  }
  if (userTeams.length === 0) {
    return (
      <EmptyState
        missing="info"
        title="No team to request for"
        description="Access is granted to teams. Ask to join a team in the catalog, then request access for it."
      />
    );
  }
  const last = mine.value?.items[0];
  return (
    <EmptyState
      missing="info"
      title="Request access"
      description={
        last
          ? `Your team's last request ended ${last.state} (${formatDay(
              last.updatedAt,
            )}). You can ask again.`
          : 'Ask the owning team for access to this product for one of your teams.'
      }
      action={
        <RequestAccessButton
          entity={entity}
          teams={userTeams}
          onRequested={mine.retry}
        />
      }
    />
  );
};

/**
 * Where a consumer asks for access to a data product and follows the
 * request: the pending request with a withdraw button, or the approved
 * access. The owning team sees who decides instead, and an internal
 * product says why it cannot be requested.
 */
export const DataProductAccessCard = () => {
  const entity = useDataProductEntity();
  if (!entity) {
    return <NotADataProductPanel />;
  }
  return (
    <InfoCard title="Access">
      <Access entity={entity} />
    </InfoCard>
  );
};
