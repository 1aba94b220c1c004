import Button from '@material-ui/core/Button';
import DialogActions from '@material-ui/core/DialogActions';

/** Cancel and the submit button of a dialog's form, disabled while it sends. */
export const FormDialogActions = (props: {
  submitLabel: string;
  sending: boolean;
  onCancel: () => void;
}) => (
  <DialogActions>
    <Button onClick={props.onCancel}>Cancel</Button>
    <Button
      type="submit"
      color="primary"
      variant="contained"
      disabled={props.sending}
    >
      {props.submitLabel}
    </Button>
  </DialogActions>
);
