import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  StatusError,
  StatusOK,
  StatusWarning,
} from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { formatDbus } from '../charts';
import {
  formatQualitySummary,
  QualitySummary,
  useDataProject,
} from '../DataProjectEntity';
import {
  DatasetHealth,
  ProjectHealth,
  useProjectHealth,
} from './useProjectHealth';

function Freshness(props: { dataset: DatasetHealth }) {
  const report = props.dataset.freshness;
  switch (report?.status) {
    case 'fresh':
      return <StatusOK>Fresh</StatusOK>;
    case 'stale':
      return <StatusError>Stale</StatusError>;
    default:
      return (
        <Typography variant="body2" color="textSecondary">
          {report ? 'Unknown' : 'Not written yet'}
        </Typography>
      );
  }
}

function Quality(props: { summary?: QualitySummary }) {
  const { summary } = props;
  if (!summary) {
    return (
      <Typography variant="body2" color="textSecondary">
        No checks yet
      </Typography>
    );
  }
  const text = formatQualitySummary(summary);
  if (summary.fail) return <StatusError>{text}</StatusError>;
  if (summary.error) return <StatusWarning>{text}</StatusWarning>;
  return <StatusOK>{text}</StatusOK>;
}

function MonthCost(props: { health: ProjectHealth }) {
  const { cost, budget } = props.health;
  const used = `${formatDbus(cost.dbus)}${
    cost.estimated ? ' (estimated)' : ''
  }`;
  return (
    <Box mt={2}>
      <Typography variant="subtitle2">Cost this month</Typography>
      <Typography variant="body2">
        {budget
          ? `${used} of a ${formatDbus(budget.budgetDbus)} budget (${Math.round(
              budget.ratio * 100,
            )} %)`
          : `${used}; no monthly budget set`}
      </Typography>
    </Box>
  );
}

/**
 * The roll-up on a data project's overview: each dataset's freshness and
 * latest quality, and the project's DBUs this month against its budget.
 */
export const DataProjectHealthCard = () => {
  const project = useDataProject();
  const health = useProjectHealth(project.value);
  const error = project.error ?? health.error;
  let body;
  if (error) {
    body = <ResponseErrorPanel error={error} />;
  } else if (project.loading || health.loading || !health.value) {
    body = <Progress />;
  } else if (health.value.datasets.length === 0) {
    body = (
      <>
        <Typography variant="body2" color="textSecondary">
          This data project declares no datasets yet.
        </Typography>
        <MonthCost health={health.value} />
      </>
    );
  } else {
    body = (
      <>
        <Table size="small" aria-label="Dataset health">
          <TableHead>
            <TableRow>
              <TableCell>Dataset</TableCell>
              <TableCell>Freshness</TableCell>
              <TableCell>Quality</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {health.value.datasets.map(dataset => (
              <TableRow key={dataset.name}>
                <TableCell>
                  <EntityRefLink
                    entityRef={dataset.entityRef}
                    title={dataset.name}
                  />
                </TableCell>
                <TableCell>
                  <Freshness dataset={dataset} />
                </TableCell>
                <TableCell>
                  <Quality summary={dataset.quality} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <MonthCost health={health.value} />
      </>
    );
  }
  return <InfoCard title="Quality, freshness and cost">{body}</InfoCard>;
};
