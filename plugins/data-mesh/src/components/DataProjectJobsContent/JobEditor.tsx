import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormGroup from '@material-ui/core/FormGroup';
import FormHelperText from '@material-ui/core/FormHelperText';
import IconButton from '@material-ui/core/IconButton';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Paper from '@material-ui/core/Paper';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import ArrowDownwardIcon from '@material-ui/icons/ArrowDownward';
import ArrowUpwardIcon from '@material-ui/icons/ArrowUpward';
import DeleteIcon from '@material-ui/icons/Delete';
import {
  JobFile,
  parseProjectFile,
  serializeProjectFile,
} from '@meshwork/data-mesh-common';
import { useMemo, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  dataMeshApiRef,
  editorErrorDetails,
  JobSource,
  PipelineCommit,
  PipelineConflict,
  ProjectDiagnostic,
} from '../../api';
import { errorMessage } from '../../api/errorMessage';
import { PullRequestButton } from '../PipelineEditor/PullRequestButton';
import {
  addTask,
  JobDraft,
  JobDraftErrors,
  jobDraftOf,
  jobFileOf,
  moveTask,
  removeTask,
  runOrder,
  TaskDraft,
  updateTask,
  validateJobDraft,
} from './jobForm';
import { formatTaskParameters } from './JobDetails';
import { describeQuartzCron } from './quartzCron';

/** The time zones the browser knows, offered as the field's suggestions. */
function timeZones(): readonly string[] {
  const intl = Intl as { supportedValuesOf?: (key: string) => string[] };
  try {
    return intl.supportedValuesOf?.('timeZone') ?? [];
  } catch {
    return [];
  }
}

function Problems(props: {
  diagnostics: readonly ProjectDiagnostic[];
  label: string;
}) {
  return (
    <List dense aria-label={props.label}>
      {props.diagnostics.map((d, i) => (
        <ListItem key={i} disableGutters>
          <ListItemText
            primary={
              <Typography
                variant="body2"
                color={d.severity === 'error' ? 'error' : 'textPrimary'}
              >
                {`${d.file}:${d.line}:${d.column} ${d.severity}: ${d.message}`}
              </Typography>
            }
            secondary={d.path || undefined}
          />
        </ListItem>
      ))}
    </List>
  );
}

function TaskRow(props: {
  task: TaskDraft;
  index: number;
  count: number;
  others: readonly string[];
  pipelines: readonly string[];
  errors: JobDraftErrors;
  onChange(change: Partial<Omit<TaskDraft, 'id'>>): void;
  onMove(by: -1 | 1): void;
  onRemove(): void;
}) {
  const { task, index, count, others, pipelines, errors } = props;
  const name = task.key.trim() || `${index + 1}`;
  const keyError = errors[`task.${task.id}.key`];
  const pipelineError = errors[`task.${task.id}.pipeline`];
  const dependsOnError = errors[`task.${task.id}.dependsOn`];
  const options = pipelines.includes(task.pipeline)
    ? pipelines
    : [task.pipeline, ...pipelines];
  return (
    <Paper variant="outlined" role="group" aria-label={`Task ${name}`}>
      <Box p={1.5} display="flex" flexWrap="wrap" style={{ gap: 16 }}>
        <Box display="flex" style={{ gap: 8 }} flexGrow={1} flexWrap="wrap">
          <TextField
            id={`${task.id}-key`}
            label="Task key"
            size="small"
            variant="outlined"
            value={task.key}
            error={keyError !== undefined}
            helperText={keyError}
            onChange={e => props.onChange({ key: e.target.value })}
          />
          <TextField
            id={`${task.id}-pipeline`}
            label="Pipeline"
            size="small"
            variant="outlined"
            select
            SelectProps={{ native: true }}
            value={task.pipeline}
            error={pipelineError !== undefined}
            helperText={pipelineError}
            onChange={e => props.onChange({ pipeline: e.target.value })}
          >
            {options.map(p => (
              <option key={p} value={p}>
                {p || '—'}
              </option>
            ))}
          </TextField>
        </Box>
        <Box component="fieldset" border={0} m={0} p={0} minWidth={200}>
          <Typography variant="caption" component="legend">
            Runs after
          </Typography>
          {others.length === 0 ? (
            <Typography variant="body2" color="textSecondary">
              No other task
            </Typography>
          ) : (
            <FormGroup row role="group" aria-label={`Tasks ${name} runs after`}>
              {others.map(other => (
                <FormControlLabel
                  key={other}
                  label={other}
                  control={
                    <Checkbox
                      size="small"
                      checked={task.dependsOn.includes(other)}
                      onChange={e =>
                        props.onChange({
                          dependsOn: e.target.checked
                            ? [...task.dependsOn, other]
                            : task.dependsOn.filter(d => d !== other),
                        })
                      }
                    />
                  }
                />
              ))}
            </FormGroup>
          )}
          {dependsOnError && (
            <FormHelperText error>{dependsOnError}</FormHelperText>
          )}
        </Box>
        <Box display="flex" alignItems="flex-start">
          <IconButton
            size="small"
            aria-label={`Move ${name} up`}
            disabled={index === 0}
            onClick={() => props.onMove(-1)}
          >
            <ArrowUpwardIcon fontSize="small" />
          </IconButton>
          <IconButton
            size="small"
            aria-label={`Move ${name} down`}
            disabled={index === count - 1}
            onClick={() => props.onMove(1)}
          >
            <ArrowDownwardIcon fontSize="small" />
          </IconButton>
          <IconButton
            size="small"
            aria-label={`Remove ${name}`}
            onClick={props.onRemove}
          >
            <DeleteIcon fontSize="small" />
          </IconButton>
        </Box>
      </Box>
      {task.parameters && (
        <Box px={1.5} pb={1}>
          <Typography variant="caption" color="textSecondary">
            Parameters (kept as they are):{' '}
            {formatTaskParameters(task.parameters)}
          </Typography>
        </Box>
      )}
    </Paper>
  );
}

/** The alert fields of the form, with their labels. */
const ALERTS = [
  ['onFailure', 'Email on failure'],
  ['onQualityBreach', 'Email on quality breach'],
] as const;

type Outcome =
  | { kind: 'invalid'; diagnostics: readonly ProjectDiagnostic[] }
  | { kind: 'conflict'; conflict: PipelineConflict }
  | { kind: 'failed'; message: string };

/** The form of an opened job file; remounted when another version is loaded. */
function JobForm(props: {
  source: JobSource;
  base: JobFile;
  /** The commit the edit is based on; moves when the user keeps their edit over a conflict. */
  baseCommit: string;
  /** An edit kept from a conflict, shown so that nothing is lost. */
  kept?: string;
  onLoadTheirs(conflict: PipelineConflict, yours: string): void;
  onCancel(): void;
  onCommitted(commit: PipelineCommit): void;
}) {
  const { source, base } = props;
  const api = useApi(dataMeshApiRef);
  const [draft, setDraft] = useState<JobDraft>(() => jobDraftOf(base));
  const [baseCommit, setBaseCommit] = useState(props.baseCommit);
  const [message, setMessage] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const [toAdd, setToAdd] = useState(source.pipelines[0] ?? '');
  const zones = useMemo(
    () => timeZones().map(z => <option key={z} value={z} />),
    [],
  );
  const committed = useMemo(() => serializeProjectFile('job', base), [base]);

  const errors = validateJobDraft(draft, source.pipelines);
  const problemCount = Object.keys(errors).length;
  const text = serializeProjectFile('job', jobFileOf(base, draft));
  const dirty = text !== committed;
  const order = runOrder(draft.tasks);
  const cronWords = draft.scheduled ? describeQuartzCron(draft.cron) : '';
  const messageError =
    tried && !message.trim() ? 'Say what the change does.' : undefined;
  const keys = draft.tasks.map(t => t.key.trim()).filter(Boolean);

  const commit = async () => {
    setTried(true);
    setOutcome(undefined);
    if (problemCount > 0 || !message.trim()) return;
    setBusy(true);
    try {
      const saved = await api.commitJob(source.project, source.job, {
        text,
        baseCommit,
        message: message.trim(),
      });
      props.onCommitted(saved);
    } catch (error) {
      const details = editorErrorDetails(error);
      if (details.conflict) {
        setOutcome({ kind: 'conflict', conflict: details.conflict });
      } else if (details.diagnostics) {
        setOutcome({ kind: 'invalid', diagnostics: details.diagnostics });
      } else {
        setOutcome({ kind: 'failed', message: errorMessage(error) });
      }
    } finally {
      setBusy(false);
    }
  };

  const conflict = outcome?.kind === 'conflict' ? outcome.conflict : undefined;

  return (
    <form
      aria-label={`Edit ${source.job}`}
      noValidate
      onSubmit={e => {
        e.preventDefault();
        commit();
      }}
    >
      {props.kept && (
        <Box mb={2}>
          <Typography variant="body2">
            Their version is loaded. Your edit, not committed, is below to copy
            from:
          </Typography>
          <TextField
            id={`${source.job}-kept`}
            label="Your edit (not committed)"
            value={props.kept}
            multiline
            fullWidth
            variant="outlined"
            size="small"
            InputProps={{ readOnly: true }}
            minRows={4}
            maxRows={12}
          />
        </Box>
      )}
      {source.diagnostics.length > 0 && (
        <Box mb={2}>
          <Typography variant="body2" color="error">
            The file has problems as committed:
          </Typography>
          <Problems diagnostics={source.diagnostics} label="Problems" />
        </Box>
      )}

      <Typography variant="h6" component="h3" gutterBottom>
        Tasks
      </Typography>
      <Box display="flex" flexDirection="column" style={{ gap: 8 }}>
        {draft.tasks.map((task, index) => (
          <TaskRow
            key={task.id}
            task={task}
            index={index}
            count={draft.tasks.length}
            others={keys.filter(k => k !== task.key.trim())}
            pipelines={source.pipelines}
            errors={errors}
            onChange={change => setDraft(d => updateTask(d, task.id, change))}
            onMove={by => setDraft(d => moveTask(d, task.id, by))}
            onRemove={() => setDraft(d => removeTask(d, task.id))}
          />
        ))}
      </Box>
      <Box display="flex" alignItems="center" mt={1} style={{ gap: 8 }}>
        <TextField
          id={`${source.job}-add-pipeline`}
          label="Pipeline to add"
          size="small"
          variant="outlined"
          select
          SelectProps={{ native: true }}
          value={toAdd}
          onChange={e => setToAdd(e.target.value)}
        >
          {source.pipelines.map(p => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </TextField>
        <Button
          variant="outlined"
          disabled={!toAdd}
          onClick={() => setDraft(d => addTask(d, toAdd))}
        >
          Add task
        </Button>
      </Box>
      {errors.tasks ? (
        <FormHelperText error role="alert">
          {errors.tasks}
        </FormHelperText>
      ) : (
        draft.tasks.length > 0 && (
          <Typography variant="body2" color="textSecondary" role="status">
            Runs in this order:{' '}
            {order.ordered.map(t => t.key || '?').join(' → ')}
          </Typography>
        )
      )}

      <Box mt={3}>
        <Typography variant="h6" component="h3" gutterBottom>
          Schedule
        </Typography>
        <FormControlLabel
          label="Run on a schedule"
          control={
            <Checkbox
              checked={draft.scheduled}
              onChange={e =>
                setDraft(d => ({ ...d, scheduled: e.target.checked }))
              }
            />
          }
        />
        {draft.scheduled && (
          <Box
            display="flex"
            flexWrap="wrap"
            alignItems="flex-start"
            style={{ gap: 16 }}
          >
            <TextField
              id={`${source.job}-cron`}
              label="Cron (Quartz)"
              size="small"
              variant="outlined"
              value={draft.cron}
              error={errors.cron !== undefined}
              helperText={
                errors.cron ??
                cronWords ??
                'sec min hour day-of-month month day-of-week [year]'
              }
              onChange={e => {
                const cron = e.target.value;
                setDraft(d => ({ ...d, cron }));
              }}
            />
            <TextField
              id={`${source.job}-timezone`}
              label="Time zone"
              size="small"
              variant="outlined"
              value={draft.timezone}
              error={errors.timezone !== undefined}
              helperText={
                errors.timezone ?? 'An IANA name, e.g. Europe/Amsterdam'
              }
              inputProps={{ list: `${source.job}-timezones` }}
              onChange={e => {
                const timezone = e.target.value;
                setDraft(d => ({ ...d, timezone }));
              }}
            />
            <datalist id={`${source.job}-timezones`}>{zones}</datalist>
            <FormControlLabel
              label="Paused"
              control={
                <Switch
                  checked={draft.paused}
                  onChange={e =>
                    setDraft(d => ({ ...d, paused: e.target.checked }))
                  }
                />
              }
            />
          </Box>
        )}
      </Box>

      <Box mt={3}>
        <Typography variant="h6" component="h3" gutterBottom>
          Alerts
        </Typography>
        <Box display="flex" flexWrap="wrap" style={{ gap: 16 }}>
          {ALERTS.map(([alert, label]) => (
            <TextField
              key={alert}
              id={`${source.job}-${alert}`}
              label={label}
              size="small"
              variant="outlined"
              style={{ minWidth: 320 }}
              value={draft[alert]}
              error={errors[alert] !== undefined}
              helperText={errors[alert] ?? 'Addresses, separated by commas'}
              onChange={e => {
                const emails = e.target.value;
                setDraft(d => ({ ...d, [alert]: emails }));
              }}
            />
          ))}
        </Box>
      </Box>

      <Box mt={3} display="flex" flexDirection="column" style={{ gap: 8 }}>
        <TextField
          id={`${source.job}-commit-message`}
          label="Commit message"
          required
          size="small"
          variant="outlined"
          multiline
          minRows={2}
          placeholder="What changed, and why"
          value={message}
          error={messageError !== undefined}
          helperText={messageError}
          onChange={e => setMessage(e.target.value)}
        />
        <Box display="flex" alignItems="center" style={{ gap: 8 }}>
          <Button
            type="submit"
            variant="contained"
            color="primary"
            disabled={busy || !dirty || conflict !== undefined}
          >
            {busy ? 'Committing…' : `Commit to ${source.branch}`}
          </Button>
          <Button onClick={props.onCancel}>Cancel</Button>
          <Typography variant="caption" color="textSecondary">
            {!dirty && 'No changes to commit. '}
            Runs use {source.defaultBranch.name} until the branch is merged.
          </Typography>
        </Box>
        {source.pullRequests && source.branchExists && (
          <PullRequestButton
            branch={source.branch}
            baseBranch={source.defaultBranch.name}
            defaultTitle={`Edit the job ${source.job}`}
            open={request =>
              api.openJobPullRequest(source.project, source.job, request)
            }
          />
        )}
        {tried && problemCount > 0 && (
          <Typography variant="body2" color="error" role="alert">
            Nothing was committed: fix the {problemCount} problem
            {problemCount === 1 ? '' : 's'} marked above.
          </Typography>
        )}
        {outcome?.kind === 'invalid' && (
          <Box role="alert">
            <Typography variant="body2" color="error">
              Nothing was committed: the project does not compile with this job.
            </Typography>
            <Problems
              diagnostics={outcome.diagnostics.filter(
                d => d.severity === 'error',
              )}
              label="Problems of the commit"
            />
          </Box>
        )}
        {outcome?.kind === 'failed' && (
          <Typography variant="body2" color="error" role="alert">
            Nothing was committed: {outcome.message}
          </Typography>
        )}
        {conflict && (
          <Box role="alert">
            <Typography variant="body2" color="error">
              Nothing was committed: {source.job} changed on {source.branch}{' '}
              since you opened it
              {conflict.theirs.commit &&
                ` (commit ${conflict.theirs.commit.slice(0, 8)})`}
              . Your edit is still here.
            </Typography>
            <Box display="flex" mt={1} style={{ gap: 8 }}>
              {conflict.theirs.text !== null && (
                <Button
                  variant="outlined"
                  onClick={() => props.onLoadTheirs(conflict, text)}
                >
                  Load their version
                </Button>
              )}
              <Button
                variant="outlined"
                onClick={() => {
                  setBaseCommit(conflict.theirs.commit ?? baseCommit);
                  setOutcome(undefined);
                }}
              >
                Keep my edit
              </Button>
            </Box>
          </Box>
        )}
      </Box>
    </form>
  );
}

/**
 * The jobs view's editor of one job: its tasks (add a pipeline, remove,
 * reorder, what each runs after), schedule and alerts, checked as the user
 * types, and a commit to their branch with the bundle and manifest the
 * backend regenerates. A refused commit shows the compiler's problems; one
 * from a stale base offers their version or keeping the edit, losing
 * neither.
 */
export function JobEditor(props: {
  project: string;
  job: string;
  onCancel(): void;
  onCommitted(commit: PipelineCommit): void;
}) {
  const { project, job } = props;
  const api = useApi(dataMeshApiRef);
  const source = useAsyncRetry(
    () => api.getJobSource(project, job),
    [api, project, job],
  );
  // A version loaded from a conflict: their text at their commit.
  const [loaded, setLoaded] = useState<{
    text: string;
    commit: string;
    kept: string;
  }>();

  if (source.loading) return <Progress />;
  if (source.error) return <ResponseErrorPanel error={source.error} />;
  const opened = source.value!;
  if (!opened.canEdit) {
    return (
      <Typography variant="body2" color="textSecondary">
        You may read this job but not change it.
      </Typography>
    );
  }
  const text = loaded?.text ?? opened.text ?? '';
  const parsed = parseProjectFile('job', opened.path, text);
  if (!parsed.value) {
    return (
      <Box>
        <Typography variant="body2" color="error">
          {opened.path} on {opened.branch} does not parse, so it cannot be
          edited here: fix it in git.
        </Typography>
        <Problems diagnostics={parsed.diagnostics} label="Problems" />
        <Button onClick={props.onCancel}>Close</Button>
      </Box>
    );
  }
  const baseCommit = loaded?.commit ?? opened.commit;
  return (
    <JobForm
      key={baseCommit}
      source={opened}
      base={parsed.value}
      baseCommit={baseCommit}
      kept={loaded?.kept}
      onLoadTheirs={(conflict, yours) =>
        setLoaded({
          text: conflict.theirs.text ?? '',
          commit: conflict.theirs.commit ?? baseCommit,
          kept: yours,
        })
      }
      onCancel={props.onCancel}
      onCommitted={props.onCommitted}
    />
  );
}
