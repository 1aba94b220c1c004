import { Link } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import Badge from '@material-ui/core/Badge';
import Typography from '@material-ui/core/Typography';
import MailIcon from '@material-ui/icons/Mail';
import useAsync from 'react-use/esm/useAsync';
import { dataMeshApiRef } from '../../api';
import { REQUESTS_SECTION_ID } from '../MyAccessPage';
import { myAccessRouteRef } from '../../routes';
import { loadRequestsToDecide } from '../Subscriptions';

/**
 * "N access requests waiting", for approvers with requests to decide,
 * linking to them. Nothing for everyone else unless `showNone`: the Data
 * Mesh page is not the place to say there is nothing to do.
 */
export const AccessRequestsBadge = (props: {
  /** Say so when nothing waits, where the badge has a card of its own. */
  showNone?: boolean;
}) => {
  const api = useApi(dataMeshApiRef);
  const permissionApi = useApi(permissionApiRef);
  const myAccess = useRouteRef(myAccessRouteRef);
  const state = useAsync(
    () => loadRequestsToDecide(api, permissionApi),
    [api, permissionApi],
  );
  if (state.loading) return null;
  if (state.error) {
    return (
      <Typography variant="body2" color="error">
        Could not count the access requests waiting for you:{' '}
        {state.error.message}
      </Typography>
    );
  }
  const count = state.value?.length ?? 0;
  if (count === 0) {
    return props.showNone ? (
      <Typography variant="body2">
        No access requests waiting for you.
      </Typography>
    ) : null;
  }
  const text = `${count} access ${
    count === 1 ? 'request' : 'requests'
  } waiting`;
  return (
    <Link to={`${myAccess?.() ?? '/data-mesh/access'}#${REQUESTS_SECTION_ID}`}>
      <Badge badgeContent={count} color="secondary" aria-hidden>
        <MailIcon />
      </Badge>{' '}
      {text}
    </Link>
  );
};
