import {
  InfoCard,
  StatusError,
  StatusOK,
  StatusPending,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { DataProductEntity } from '@meshwork/data-mesh-common';
import useAsync from 'react-use/esm/useAsync';
import { dataMeshApiRef, DatasetFreshness } from '../../api';
import { formatDateTime } from '../charts';
import {
  formatSlaValue,
  freshnessSla,
  NotADataProductPanel,
  useDataProductEntity,
} from '../DataProductEntity';
import { projectDatasetOf } from '../DataProductHealthCard/useMeasuredHealth';
import {
  loadDatasetRunHistory,
  MeasuredContent,
} from '../DataProductRunHistory';
import {
  datasetWrites,
  DatasetWrite,
  formatHours,
  slaHoursOf,
} from './freshnessWrites';
import { WritesChart } from './WritesChart';

const useStyles = makeStyles(theme => ({
  chart: { padding: theme.spacing(2) },
}));

// The freshness report lists a project's datasets; a project has far fewer.
const FRESHNESS_PAGE = 500;

const CurrentStatus = ({ report }: { report?: DatasetFreshness }) => {
  if (!report) {
    return (
      <Typography variant="body1">
        <StatusPending>Unknown</StatusPending> The backend has no freshness
        report for this dataset.
      </Typography>
    );
  }
  const status = {
    fresh: <StatusOK>Fresh</StatusOK>,
    stale: <StatusError>Stale</StatusError>,
    unknown: <StatusPending>Unknown</StatusPending>,
  }[report.status];
  return (
    <Typography variant="body1">
      {status} {report.message}
    </Typography>
  );
};

function writesColumns(slaHours?: number): TableColumn<DatasetWrite>[] {
  return [
    {
      title: 'Written at',
      field: 'writtenAt',
      render: row => formatDateTime(row.writtenAt),
    },
    { title: 'Job', field: 'job' },
    { title: 'Run', field: 'jobRunId' },
    { title: 'Rows written', field: 'rowsWritten', type: 'numeric' },
    {
      title: 'Since previous write',
      render: row =>
        row.hoursSincePrevious === undefined
          ? ''
          : `${formatHours(row.hoursSincePrevious)}${
              slaHours !== undefined && row.hoursSincePrevious > slaHours
                ? ' (over SLA)'
                : ''
            }`,
    },
  ];
}

const Freshness = ({ entity }: { entity: DataProductEntity }) => {
  const classes = useStyles();
  const api = useApi(dataMeshApiRef);
  const target = projectDatasetOf(entity);
  const project = target?.project;
  const dataset = target?.dataset;
  const state = useAsync(async () => {
    if (!project || !dataset) {
      return undefined;
    }
    const [history, freshness] = await Promise.all([
      loadDatasetRunHistory(api, { project, dataset }),
      api.listFreshness({ project, limit: FRESHNESS_PAGE }),
    ]);
    return {
      writes: datasetWrites(history.runs),
      report: freshness.items.find(item => item.dataset === dataset),
    };
  }, [api, project, dataset]);
  const sla = freshnessSla(entity.spec.contract);

  return (
    <MeasuredContent
      target={target}
      state={state}
      isEmpty={({ writes, report }) =>
        writes.length === 0 && !report?.lastWrittenAt
      }
      what="Writes of the dataset"
    >
      {({ writes, report }) => {
        // The backend's figure is the one alerts use; the contract's is
        // the fallback for a report that has none.
        const slaHours = report?.slaHours ?? slaHoursOf(sla);
        return (
          <Grid container spacing={3}>
            <Grid item xs={12}>
              <InfoCard title="Current freshness">
                <CurrentStatus report={report} />
                <Typography variant="body2" color="textSecondary">
                  {sla
                    ? `The contract promises an update at least every ${formatSlaValue(
                        sla,
                      )}.`
                    : 'The contract makes no freshness promise.'}
                </Typography>
              </InfoCard>
            </Grid>
            <Grid item xs={12}>
              <Paper className={classes.chart}>
                {writes.length > 1 ? (
                  <WritesChart writes={writes} slaHours={slaHours} />
                ) : (
                  <Typography variant="body1">
                    The chart needs two writes to measure a gap;{' '}
                    {writes.length === 1 ? 'one is' : 'none is'} recorded in the
                    latest runs.
                  </Typography>
                )}
              </Paper>
            </Grid>
            {writes.length > 0 && (
              <Grid item xs={12}>
                <Table<DatasetWrite>
                  title="Writes"
                  subtitle="Newest first, from the latest runs that write this dataset"
                  columns={writesColumns(slaHours)}
                  data={[...writes].reverse()}
                  options={{ paging: false, search: false, padding: 'dense' }}
                />
              </Grid>
            )}
          </Grid>
        );
      }}
    </MeasuredContent>
  );
};

/**
 * The "Freshness" tab of a DataProduct: its current freshness, and each
 * write of the latest runs held against the contract's SLA.
 */
export const DataProductFreshnessContent = () => {
  const entity = useDataProductEntity();
  if (!entity) {
    return <NotADataProductPanel />;
  }
  return <Freshness entity={entity} />;
};
