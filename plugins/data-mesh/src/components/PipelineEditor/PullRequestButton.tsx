import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import type { PullRequest, PullRequestRequest } from '../../api';
import { errorMessage } from '../../api/errorMessage';

/**
 * "Open pull request": proposes the user's branch for the default branch
 * where the project lives on GitHub. The title starts as the last commit's
 * subject; the answer links the pull request, new or already open.
 */
export const PullRequestButton = (props: {
  branch: string;
  baseBranch: string;
  defaultTitle: string;
  open: (request: PullRequestRequest) => Promise<PullRequest>;
}) => {
  const { branch, baseBranch, defaultTitle, open } = props;
  const [dialogOpen, setDialogOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [opened, setOpened] = useState<PullRequest>();

  const start = () => {
    setTitle(defaultTitle);
    setBody('');
    setError(undefined);
    setDialogOpen(true);
  };

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const description = body.trim();
      setOpened(
        await open({
          title: title.trim(),
          ...(description ? { body: description } : {}),
        }),
      );
      setDialogOpen(false);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box display="flex" alignItems="center" style={{ gap: 8 }}>
      <Button variant="outlined" color="primary" onClick={start}>
        Open pull request
      </Button>
      {opened && (
        <Typography variant="body2" role="status">
          <Link to={opened.url} target="_blank" rel="noopener noreferrer">
            Pull request #{opened.number}
          </Link>{' '}
          {opened.created ? 'opened' : 'was open already'}
        </Typography>
      )}
      <Dialog
        open={dialogOpen}
        onClose={() => !busy && setDialogOpen(false)}
        aria-labelledby="pull-request-dialog-title"
        fullWidth
        maxWidth="sm"
      >
        <DialogTitle id="pull-request-dialog-title">
          Pull request of {branch} into {baseBranch}
        </DialogTitle>
        <DialogContent>
          <Box display="flex" flexDirection="column" style={{ gap: 12 }}>
            <TextField
              id="pull-request-title"
              label="Title"
              value={title}
              onChange={event => setTitle(event.target.value)}
              required
              variant="outlined"
              size="small"
              inputProps={{ maxLength: 256 }}
            />
            <TextField
              id="pull-request-description"
              label="Description"
              value={body}
              onChange={event => setBody(event.target.value)}
              variant="outlined"
              size="small"
              multiline
              minRows={3}
              placeholder="What reviewers should know"
            />
            {error && (
              <Typography variant="body2" color="error" role="alert">
                {error}
              </Typography>
            )}
          </Box>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setDialogOpen(false)} disabled={busy}>
            Cancel
          </Button>
          <Button
            variant="contained"
            color="primary"
            onClick={submit}
            disabled={busy || title.trim() === ''}
          >
            Open pull request
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
};
