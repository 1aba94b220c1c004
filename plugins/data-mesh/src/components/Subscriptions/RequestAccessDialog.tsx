import { useApi } from '@backstage/frontend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import Checkbox from '@material-ui/core/Checkbox';
import Dialog from '@material-ui/core/Dialog';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormGroup from '@material-ui/core/FormGroup';
import FormHelperText from '@material-ui/core/FormHelperText';
import FormLabel from '@material-ui/core/FormLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import type { DataProductEntity } from '@meshwork/data-mesh-common';
import { FormEvent, useState } from 'react';
import { dataMeshApiRef, Subscription } from '../../api';
import {
  containsPii,
  contractColumns,
  isPiiColumn,
  PiiBadge,
} from '../DataProductEntity';
import { FormDialogActions } from './FormDialogActions';
import { errorMessage } from '../../api/errorMessage';
import { FormError } from './subscriptionFormat';

const useStyles = makeStyles(theme => ({
  field: { marginBottom: theme.spacing(2) },
  columns: { marginLeft: theme.spacing(3) },
  column: { display: 'flex', alignItems: 'center', gap: theme.spacing(1) },
}));

/** The last moment of a calendar day in the user's time zone, as ISO 8601. */
function endOfDay(day: string): string {
  return new Date(`${day}T23:59:59`).toISOString();
}

function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(
    now.getDate(),
  )}`;
}

/**
 * Asks for access to a data product: what for, which columns, until when,
 * and for which team when the user is in several. The backend has the
 * last word; its refusals (a missing purpose, an internal product) are shown
 * here so the user can correct the request.
 */
export const RequestAccessDialog = (props: {
  open: boolean;
  entity: DataProductEntity;
  /** The user's teams; a choice is offered when there are several. */
  teams: string[];
  onClose: () => void;
  onRequested: (subscription: Subscription) => void;
}) => {
  const { entity, teams, open, onClose, onRequested } = props;
  const classes = useStyles();
  const api = useApi(dataMeshApiRef);
  const piiRequired = containsPii(entity);
  const columns = contractColumns(entity.spec.contract).map(c => c.column);
  const [purpose, setPurpose] = useState('');
  const [scope, setScope] = useState<'all' | 'some'>('all');
  const [chosen, setChosen] = useState<string[]>([]);
  const [expiry, setExpiry] = useState('');
  const [team, setTeam] = useState(teams[0] ?? '');
  const [submitted, setSubmitted] = useState(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string>();

  const purposeMissing = piiRequired && purpose.trim() === '';
  const columnsMissing = scope === 'some' && chosen.length === 0;
  let purposeHelp = 'What the data is for, so the owners can decide.';
  if (submitted && purposeMissing) {
    purposeHelp = 'Say what the data is for: this product holds personal data.';
  } else if (piiRequired) {
    purposeHelp = 'Required: this product holds personal data (PII).';
  }

  const toggle = (name: string) =>
    setChosen(current =>
      current.includes(name)
        ? current.filter(c => c !== name)
        : [...current, name],
    );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (purposeMissing || columnsMissing) return;
    setSending(true);
    setError(undefined);
    try {
      const subscription = await api.requestSubscription({
        product: stringifyEntityRef(entity),
        ...(teams.length > 1 && team && { team }),
        ...(purpose.trim() && { purpose: purpose.trim() }),
        ...(scope === 'some' && { columns: chosen }),
        ...(expiry && { expiresAt: endOfDay(expiry) }),
      });
      onRequested(subscription);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSending(false);
    }
  };

  const title = entity.metadata.title ?? entity.metadata.name;
  return (
    <Dialog
      open={open}
      onClose={onClose}
      aria-labelledby="request-access-title"
      fullWidth
      maxWidth="sm"
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id="request-access-title">
          Request access to {title}
        </DialogTitle>
        <DialogContent>
          <FormError message={error} />
          {teams.length > 1 && (
            <TextField
              select
              id="request-access-team"
              fullWidth
              className={classes.field}
              label="Team"
              value={team}
              onChange={e => setTeam(e.target.value)}
              helperText="The team that will read the data."
            >
              {teams.map(ref => (
                <MenuItem key={ref} value={ref}>
                  {humanizeEntityRef(parseEntityRef(ref), {
                    defaultKind: 'group',
                  })}
                </MenuItem>
              ))}
            </TextField>
          )}
          <TextField
            fullWidth
            multiline
            minRows={3}
            id="request-access-purpose"
            className={classes.field}
            label="Purpose"
            required={piiRequired}
            value={purpose}
            onChange={e => setPurpose(e.target.value)}
            error={submitted && purposeMissing}
            helperText={purposeHelp}
            inputProps={{ maxLength: 2000 }}
          />
          <FormControl
            component="fieldset"
            className={classes.field}
            error={submitted && columnsMissing}
          >
            <FormLabel component="legend">Columns</FormLabel>
            <RadioGroup
              value={scope}
              onChange={e => setScope(e.target.value as 'all' | 'some')}
            >
              <FormControlLabel
                value="all"
                control={<Radio />}
                label="All columns"
              />
              <FormControlLabel
                value="some"
                control={<Radio />}
                label="Chosen columns"
                disabled={columns.length === 0}
              />
            </RadioGroup>
            {scope === 'some' && (
              <FormGroup className={classes.columns}>
                {columns.map(column => (
                  <div key={column.name} className={classes.column}>
                    <FormControlLabel
                      control={
                        <Checkbox
                          checked={chosen.includes(column.name)}
                          onChange={() => toggle(column.name)}
                        />
                      }
                      label={column.name}
                    />
                    {isPiiColumn(column) && <PiiBadge />}
                  </div>
                ))}
              </FormGroup>
            )}
            {submitted && columnsMissing && (
              <FormHelperText>Choose at least one column.</FormHelperText>
            )}
          </FormControl>
          <TextField
            fullWidth
            type="date"
            id="request-access-expiry"
            className={classes.field}
            label="Access until (optional)"
            value={expiry}
            onChange={e => setExpiry(e.target.value)}
            InputLabelProps={{ shrink: true }}
            inputProps={{ min: today() }}
            helperText="Leave empty for access until it is revoked."
          />
        </DialogContent>
        <FormDialogActions
          submitLabel="Send request"
          sending={sending}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
};
