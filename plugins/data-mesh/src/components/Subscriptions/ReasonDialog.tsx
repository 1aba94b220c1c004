import Dialog from '@material-ui/core/Dialog';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import { FormEvent, useState } from 'react';
import { FormDialogActions } from './FormDialogActions';
import { FormError } from './subscriptionFormat';

/**
 * Asks why before a decision that takes access away or refuses it: deny and
 * revoke need a reason, which the requester is told.
 */
export const ReasonDialog = (props: {
  open: boolean;
  /** The dialog's title and the confirm button's label: `Deny`, `Revoke`. */
  verb: string;
  description: string;
  onClose: () => void;
  /** Rejects with the message to show when the backend refuses. */
  onConfirm: (reason: string) => Promise<void>;
}) => {
  const { open, verb, description, onClose, onConfirm } = props;
  const [reason, setReason] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string>();
  const missing = reason.trim() === '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (missing) return;
    setSending(true);
    setError(undefined);
    try {
      await onConfirm(reason.trim());
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setSending(false);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      aria-labelledby="reason-dialog-title"
      fullWidth
      maxWidth="sm"
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id="reason-dialog-title">{verb} access</DialogTitle>
        <DialogContent>
          <FormError message={error} />
          <DialogContentText>{description}</DialogContentText>
          <TextField
            fullWidth
            multiline
            minRows={3}
            required
            id="decision-reason"
            label="Reason"
            value={reason}
            onChange={e => setReason(e.target.value)}
            error={submitted && missing}
            helperText={
              submitted && missing
                ? 'Give a reason: the requesting team is told.'
                : 'The requesting team is told.'
            }
            inputProps={{ maxLength: 2000 }}
          />
        </DialogContent>
        <FormDialogActions
          submitLabel={verb}
          sending={sending}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
};
