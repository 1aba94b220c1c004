import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useApi } from '@backstage/frontend-plugin-api';
import { useMemo, useState } from 'react';
import { dataMeshApiRef } from '../../api';
import { errorMessage } from '../../api/errorMessage';
import { ConsumerImpact } from './ConsumerImpact';
import { PullRequestButton } from './PullRequestButton';
import { runningPipeline, writeChanges } from './writeChanges';
import type { PipelineEditorState, SaveOutcome } from './usePipelineEditor';

function outcomeText(outcome: SaveOutcome): string | undefined {
  switch (outcome.kind) {
    case 'committed':
      return `Committed ${outcome.commit.commit.slice(0, 8)} to ${
        outcome.commit.branch
      }: ${outcome.commit.changedPaths.length} files`;
    case 'invalid':
      return 'Nothing was committed: the pipeline has errors, marked in the file.';
    case 'conflict':
      return 'Nothing was committed: the pipeline changed on the branch since you opened it. Merge below.';
    case 'failed':
      return `Nothing was committed: ${errorMessage(outcome.error)}`;
    default:
      return undefined;
  }
}

/** The commit message and the button that commits the edit to the user's branch. */
export const CommitPanel = (props: { editor: PipelineEditorState }) => {
  const { editor } = props;
  const api = useApi(dataMeshApiRef);
  const [message, setMessage] = useState('');
  const [lastMessage, setLastMessage] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<SaveOutcome>();
  const hasErrors = editor.diagnostics.some(d => d.severity === 'error');
  const runningText = editor.source?.defaultBranch.text;
  const running = useMemo(() => runningPipeline(runningText), [runningText]);
  const changes = useMemo(
    () => writeChanges(running, editor.pipeline),
    [running, editor.pipeline],
  );

  const commit = async () => {
    setBusy(true);
    const result = await editor.save(message.trim());
    setOutcome(result);
    if (result.kind === 'committed') {
      setLastMessage(message.trim());
      setMessage('');
    }
    setBusy(false);
  };

  return (
    <Box display="flex" flexDirection="column" style={{ gap: 8 }}>
      {editor.source && (
        <ConsumerImpact project={editor.source.project} changes={changes} />
      )}
      <TextField
        id="pipeline-commit-message"
        label="Commit message"
        value={message}
        onChange={event => setMessage(event.target.value)}
        variant="outlined"
        size="small"
        multiline
        minRows={2}
        placeholder="What changed, and why"
      />
      <Box display="flex" alignItems="center" style={{ gap: 8 }}>
        <Button
          variant="contained"
          color="primary"
          disabled={
            busy ||
            !editor.dirty ||
            message.trim() === '' ||
            editor.conflict !== undefined
          }
          onClick={commit}
        >
          Commit to {editor.source?.branch}
        </Button>
        <Typography variant="caption" color="textSecondary">
          {!editor.dirty && 'No changes to commit. '}
          {editor.dirty && hasErrors && 'Fix the errors to commit. '}
          {editor.draftSavedAt &&
            `Draft saved ${new Date(
              editor.draftSavedAt,
            ).toLocaleTimeString()}.`}
        </Typography>
      </Box>
      {editor.source?.pullRequests && editor.source.branchExists && (
        <PullRequestButton
          branch={editor.source.branch}
          baseBranch={editor.source.defaultBranch.name}
          defaultTitle={
            lastMessage?.split('\n')[0] ??
            `Edit the pipeline ${editor.source.pipeline}`
          }
          open={request =>
            api.openPipelinePullRequest(
              editor.source!.project,
              editor.source!.pipeline,
              request,
            )
          }
        />
      )}
      {outcome && (
        <Typography
          variant="body2"
          color={outcome.kind === 'committed' ? 'textPrimary' : 'error'}
          role={outcome.kind === 'committed' ? 'status' : 'alert'}
        >
          {outcomeText(outcome)}
        </Typography>
      )}
    </Box>
  );
};
