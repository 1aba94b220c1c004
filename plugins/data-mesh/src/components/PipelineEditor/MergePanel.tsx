import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useMemo } from 'react';
import type { PipelineConflict } from '../../api';
import { mergePipelineText } from './mergePipelineText';

const Version = (props: { title: string; text: string | null }) => (
  <Box>
    <Typography variant="subtitle2">{props.title}</Typography>
    <Box
      component="pre"
      aria-label={props.title}
      style={{ maxHeight: 240, overflow: 'auto', fontSize: 12, margin: 0 }}
    >
      {props.text ?? '(the file does not exist)'}
    </Box>
  </Box>
);

/**
 * A save refused because the pipeline changed on the branch meanwhile: the
 * user's and the branch's versions, and a three-way merge of both to go on
 * from, with conflict markers where both changed the same lines. Nothing is
 * lost: the user's version stays in the draft until a commit lands.
 */
export const MergePanel = (props: {
  conflict: PipelineConflict;
  onResolve: (text: string) => void;
}) => {
  const { conflict } = props;
  const merged = useMemo(
    () =>
      mergePipelineText({
        base: conflict.base.text ?? '',
        theirs: conflict.theirs.text ?? '',
        yours: conflict.yours.text ?? '',
      }),
    [conflict],
  );
  return (
    <Box role="region" aria-label="Merge">
      <Typography variant="body2" paragraph>
        {conflict.path} changed on the branch
        {conflict.theirs.commit
          ? ` (commit ${conflict.theirs.commit.slice(0, 8)})`
          : ''}{' '}
        since you opened it.{' '}
        {merged.conflict
          ? 'Both of you changed some of the same lines: the merge marks them for you to choose.'
          : 'Your changes and theirs touch different lines and merge cleanly.'}
      </Typography>
      <Grid container spacing={2}>
        <Grid item xs={12} md={6}>
          <Version title="Your version" text={conflict.yours.text} />
        </Grid>
        <Grid item xs={12} md={6}>
          <Version title="Their version" text={conflict.theirs.text} />
        </Grid>
      </Grid>
      <Box display="flex" mt={1} style={{ gap: 8 }}>
        <Button
          variant="contained"
          color="primary"
          onClick={() => props.onResolve(merged.text)}
        >
          {merged.conflict ? 'Edit the merge' : 'Use the merge'}
        </Button>
        <Button
          variant="outlined"
          onClick={() => props.onResolve(conflict.yours.text ?? '')}
        >
          Keep only mine
        </Button>
        <Button
          variant="outlined"
          onClick={() => props.onResolve(conflict.theirs.text ?? '')}
        >
          Take theirs
        </Button>
      </Box>
    </Box>
  );
};
