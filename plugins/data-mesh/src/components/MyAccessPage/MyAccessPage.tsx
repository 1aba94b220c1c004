import {
  Content,
  ContentHeader,
  EmptyState,
  Progress,
  ResponseErrorPanel,
  SupportButton,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import Grid from '@material-ui/core/Grid';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { dataMeshApiRef } from '../../api';
import {
  DecisionButtons,
  loadRequestsToDecide,
  SubscriptionsTable,
  WithdrawButton,
} from '../Subscriptions';

/** The id of the requests section, which the home page's count links to. */
export const REQUESTS_SECTION_ID = 'requests';

/** Pending requests to products the user approves; nothing when there are none. */
const RequestsToDecide = () => {
  const api = useApi(dataMeshApiRef);
  const permissionApi = useApi(permissionApiRef);
  const state = useAsyncRetry(
    () => loadRequestsToDecide(api, permissionApi),
    [api, permissionApi],
  );
  if (state.loading && !state.value) return <Progress />;
  if (state.error) return <ResponseErrorPanel error={state.error} />;
  const requests = state.value ?? [];
  if (requests.length === 0) return null;
  return (
    <div id={REQUESTS_SECTION_ID}>
      <SubscriptionsTable
        title={`Requests waiting for you (${requests.length})`}
        subscriptions={requests}
        fields={[
          'product',
          'team',
          'requester',
          'columns',
          'purpose',
          'requested',
          'expires',
        ]}
        actions={subscription => (
          <DecisionButtons
            subscription={subscription}
            onChanged={state.retry}
          />
        )}
      />
    </div>
  );
};

/** Every subscription and request of the user's teams. */
const TeamsAccess = () => {
  const api = useApi(dataMeshApiRef);
  const state = useAsyncRetry(
    () => api.listSubscriptions({ mine: true }),
    [api],
  );
  if (state.loading && !state.value) return <Progress />;
  if (state.error) return <ResponseErrorPanel error={state.error} />;
  const items = state.value?.items ?? [];
  if (items.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No access yet"
        description="Your teams have no subscriptions. Find a data product in the catalog and use Request access on its page."
      />
    );
  }
  return (
    <SubscriptionsTable
      title="Your teams' access"
      subscriptions={items}
      fields={[
        'product',
        'team',
        'state',
        'columns',
        'requested',
        'expires',
        'grant',
      ]}
      actions={subscription => (
        <WithdrawButton subscription={subscription} onChanged={state.retry} />
      )}
    />
  );
};

/**
 * "My access": the data products the user's teams subscribe to or asked
 * for, and for approvers the requests waiting for their decision.
 */
export const MyAccessPage = () => (
  <Content>
    <ContentHeader title="My access">
      <SupportButton>
        Access to data products is granted to teams. Request it on a data
        product's page; the owning team approves or denies it.
      </SupportButton>
    </ContentHeader>
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <RequestsToDecide />
      </Grid>
      <Grid item xs={12}>
        <TeamsAccess />
      </Grid>
    </Grid>
  </Content>
);
