import { EmptyState } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import { makeStyles } from '@material-ui/core/styles';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import Typography from '@material-ui/core/Typography';
import { useEffect, useMemo, useState } from 'react';
import type { StandardsLibrary } from '@meshwork/data-mesh-common';
import type { DraftProjectFile } from '../draftCheck';
import {
  diffOf,
  GeneratedFileVersions,
  generatePipelineCode,
  pairVersions,
} from './generatedCode';

/** How long typing pauses before the code is generated again. */
export const CODE_VIEW_SETTLE_MS = 400;

const useStyles = makeStyles(theme => ({
  code: {
    margin: 0,
    maxHeight: 520,
    overflow: 'auto',
    fontFamily: 'monospace',
    fontSize: 12,
    lineHeight: 1.5,
    background: theme.palette.background.default,
  },
  line: { whiteSpace: 'pre', paddingLeft: theme.spacing(1) },
  added: {
    background:
      theme.palette.type === 'dark' ? 'rgba(46,160,67,0.25)' : '#e6ffec',
  },
  removed: {
    background:
      theme.palette.type === 'dark' ? 'rgba(248,81,73,0.25)' : '#ffebe9',
  },
}));

function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

const MARK = { same: ' ', added: '+', removed: '-' } as const;

function codeStatus(
  file: GeneratedFileVersions,
  added: number,
  removed: number,
): string {
  if (file.draft === undefined) {
    return 'The draft does not compile: this is the last commit’s code.';
  }
  if (file.committed === undefined) return 'New with the draft.';
  if (added + removed === 0) return 'Unchanged from the last commit.';
  return `${added} lines added, ${removed} removed against the last commit.`;
}

/**
 * The Spark SQL, PySpark and bundle the draft generates, as a diff against
 * what the last commit generates: what a reviewer of the commit will read.
 */
export const CodeView = (props: {
  projectFiles: readonly DraftProjectFile[];
  path: string;
  pipeline: string;
  draftText: string;
  committedText: string;
  /** The standards library the project pins. */
  standards?: StandardsLibrary;
}) => {
  const classes = useStyles();
  const { projectFiles, path, pipeline, committedText, standards } = props;
  const draftText = useSettled(props.draftText, CODE_VIEW_SETTLE_MS);
  // The last commit's code is generated once; the draft's as it settles.
  const committed = useMemo(
    () =>
      generatePipelineCode({
        projectFiles,
        path,
        pipeline,
        text: committedText,
        standards,
      }),
    [projectFiles, path, pipeline, committedText, standards],
  );
  const versions = useMemo(
    () =>
      pairVersions(
        draftText === committedText
          ? committed
          : generatePipelineCode({
              projectFiles,
              path,
              pipeline,
              text: draftText,
              standards,
            }),
        committed,
      ),
    [
      projectFiles,
      path,
      pipeline,
      draftText,
      committedText,
      committed,
      standards,
    ],
  );
  const [shown, setShown] = useState(0);
  const file = versions[Math.min(shown, versions.length - 1)];
  if (!file) {
    return (
      <EmptyState
        missing="content"
        title="No generated code"
        description="Neither the draft nor the last commit compiles; fix the problems listed beside the file."
      />
    );
  }
  const lines =
    file.draft !== undefined && file.committed !== undefined
      ? diffOf(file.committed, file.draft)
      : diffOf('', file.draft ?? file.committed ?? '').map(line => ({
          ...line,
          kind: file.draft === undefined ? ('removed' as const) : line.kind,
        }));
  const added = lines.filter(l => l.kind === 'added').length;
  const removed = lines.filter(l => l.kind === 'removed').length;
  const changed = (v: (typeof versions)[number]) => v.draft !== v.committed;
  return (
    <>
      <Tabs
        value={Math.min(shown, versions.length - 1)}
        onChange={(_e, index) => setShown(index)}
        variant="scrollable"
        aria-label="Generated files"
      >
        {versions.map(v => (
          <Tab key={v.path} label={changed(v) ? `${v.path} •` : v.path} />
        ))}
      </Tabs>
      <Box my={1} role="status">
        <Typography variant="body2">
          {codeStatus(file, added, removed)}
        </Typography>
      </Box>
      <pre
        className={classes.code}
        aria-label={`Generated ${file.path}, draft against last commit`}
      >
        {lines.map((line, index) => (
          <div
            key={index}
            className={`${classes.line} ${
              line.kind === 'same' ? '' : classes[line.kind]
            }`}
          >
            {`${MARK[line.kind]} ${line.text}`}
          </div>
        ))}
      </pre>
    </>
  );
};
