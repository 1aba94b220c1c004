import Button from '@material-ui/core/Button';
import type { DataProductEntity } from '@meshwork/data-mesh-common';
import { useState } from 'react';
import type { Subscription } from '../../api';
import { RequestAccessDialog } from './RequestAccessDialog';

/** "Request access" and the dialog it opens. */
export const RequestAccessButton = (props: {
  entity: DataProductEntity;
  teams: string[];
  onRequested: (subscription: Subscription) => void;
}) => {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button color="primary" variant="contained" onClick={() => setOpen(true)}>
        Request access
      </Button>
      {open && (
        <RequestAccessDialog
          open
          entity={props.entity}
          teams={props.teams}
          onClose={() => setOpen(false)}
          onRequested={subscription => {
            setOpen(false);
            props.onRequested(subscription);
          }}
        />
      )}
    </>
  );
};
