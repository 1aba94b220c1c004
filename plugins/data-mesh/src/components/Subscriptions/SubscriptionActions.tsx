import { useApi } from '@backstage/frontend-plugin-api';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { dataMeshApiRef, Subscription, SubscriptionAction } from '../../api';
import { ReasonDialog } from './ReasonDialog';
import { errorMessage } from '../../api/errorMessage';

function teamName(subscription: Subscription): string {
  try {
    return humanizeEntityRef(parseEntityRef(subscription.team), {
      defaultKind: 'group',
    });
  } catch {
    return subscription.team;
  }
}

/** Runs a decision and keeps its refusal to show next to the buttons. */
function useDecision(subscription: Subscription, onChanged: () => void) {
  const api = useApi(dataMeshApiRef);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const decide = async (action: SubscriptionAction, reason?: string) => {
    setBusy(true);
    setError(undefined);
    try {
      await api.decideSubscription(subscription.id, action, reason);
      onChanged();
    } catch (e) {
      setError(errorMessage(e));
      throw new Error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, decide };
}

/**
 * Approve and deny for a pending request, revoke for an approved one, and
 * retry for a grant the warehouse refused: the buttons of a product's
 * approvers. Deny and revoke ask for a reason.
 */
export const DecisionButtons = (props: {
  subscription: Subscription;
  onChanged: () => void;
}) => {
  const { subscription, onChanged } = props;
  const { busy, error, decide } = useDecision(subscription, onChanged);
  const [asking, setAsking] = useState<'deny' | 'revoke'>();
  const team = teamName(subscription);
  if (subscription.state !== 'pending' && subscription.state !== 'approved') {
    return null;
  }
  return (
    <>
      {subscription.state === 'pending' && (
        <>
          <Button
            size="small"
            color="primary"
            variant="contained"
            disabled={busy}
            onClick={() => decide('approve').catch(() => {})}
            aria-label={`Approve ${team}`}
          >
            Approve
          </Button>{' '}
          <Button
            size="small"
            variant="outlined"
            disabled={busy}
            onClick={() => setAsking('deny')}
            aria-label={`Deny ${team}`}
          >
            Deny
          </Button>
        </>
      )}
      {subscription.state === 'approved' &&
        subscription.grantStatus === 'failed' && (
          <>
            <Button
              size="small"
              color="primary"
              variant="contained"
              disabled={busy}
              onClick={() => decide('retry-grant').catch(() => {})}
              aria-label={`Retry the grant of ${team}`}
            >
              Retry grant
            </Button>{' '}
          </>
        )}
      {subscription.state === 'approved' && (
        <Button
          size="small"
          variant="outlined"
          disabled={busy}
          onClick={() => setAsking('revoke')}
          aria-label={`Revoke ${team}`}
        >
          Revoke
        </Button>
      )}
      {error && !asking && (
        <Typography role="alert" color="error" variant="body2">
          {error}
        </Typography>
      )}
      {asking && (
        <ReasonDialog
          open
          verb={asking === 'deny' ? 'Deny' : 'Revoke'}
          description={
            asking === 'deny'
              ? `${team} asked for access. Say why it is refused.`
              : `${team} loses access to the product. Say why.`
          }
          onClose={() => setAsking(undefined)}
          onConfirm={async reason => {
            await decide(asking, reason);
            setAsking(undefined);
          }}
        />
      )}
    </>
  );
};

/** Withdraws a pending request of the user's team. */
export const WithdrawButton = (props: {
  subscription: Subscription;
  onChanged: () => void;
}) => {
  const { busy, error, decide } = useDecision(
    props.subscription,
    props.onChanged,
  );
  if (props.subscription.state !== 'pending') return null;
  return (
    <>
      <Button
        size="small"
        variant="outlined"
        disabled={busy}
        onClick={() => decide('withdraw').catch(() => {})}
      >
        Withdraw
      </Button>
      {error && (
        <Typography role="alert" color="error" variant="body2">
          {error}
        </Typography>
      )}
    </>
  );
};
