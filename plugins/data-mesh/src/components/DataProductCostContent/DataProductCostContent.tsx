import { Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { DataProductEntity } from '@meshwork/data-mesh-common';
import useAsync from 'react-use/esm/useAsync';
import { Budget, DataMeshApi, dataMeshApiRef } from '../../api';
import { formatDateTime, formatDay, formatDbus } from '../charts';
import {
  NotADataProductPanel,
  useDataProductEntity,
} from '../DataProductEntity';
import { projectDatasetOf } from '../DataProductHealthCard/useMeasuredHealth';
import {
  loadDatasetRunHistory,
  MeasuredContent,
} from '../DataProductRunHistory';
import { CostBarChart } from './CostBarChart';
import {
  monthCostBars,
  MonthCostBar,
  projectBudget,
  runCostBars,
  RunCostBar,
} from './costFigures';

const useStyles = makeStyles(theme => ({
  chart: { padding: theme.spacing(2) },
}));

// Months of a project's cost; one page holds decades of them.
const MONTHS_PAGE = 500;

const runColumns: TableColumn<RunCostBar>[] = [
  {
    title: 'Started',
    field: 'startedAt',
    render: row => formatDateTime(row.startedAt),
  },
  { title: 'Job', field: 'job' },
  { title: 'Run', field: 'jobRunId' },
  { title: 'DBUs', field: 'dbus', render: row => formatDbus(row.dbus) },
  {
    title: 'Estimated/Billed',
    field: 'estimated',
    render: row => (row.estimated ? 'Estimated' : 'Billed'),
  },
  { title: 'Covers', field: 'covers' },
];

/** The budget, or why it could not be read: the costs still show without. */
interface BudgetLookup {
  budget?: Budget;
  error?: Error;
}

async function lookUpBudget(
  api: DataMeshApi,
  project: string,
): Promise<BudgetLookup> {
  try {
    const { items } = await api.getBudgets({ project });
    return { budget: projectBudget(items, project) };
  } catch (error) {
    return { error: error as Error };
  }
}

const BudgetSummary = ({
  project,
  lookup,
}: {
  project: string;
  lookup: BudgetLookup;
}) => {
  if (lookup.error) {
    return (
      <Typography variant="body2" color="textSecondary">
        The budget of {project} could not be read: {lookup.error.message}
      </Typography>
    );
  }
  const { budget } = lookup;
  if (!budget) {
    return (
      <Typography variant="body2" color="textSecondary">
        The {project} project has no monthly DBU budget.
      </Typography>
    );
  }
  return (
    <Typography variant="body2">
      {budget.month}: {formatDbus(budget.usedDbus)} of the{' '}
      {formatDbus(budget.budgetDbus)} monthly budget of {project} used (
      {Math.round(budget.ratio * 100)} %
      {budget.estimated ? ', partly estimated' : ''}).
    </Typography>
  );
};

const Cost = ({ entity }: { entity: DataProductEntity }) => {
  const classes = useStyles();
  const api = useApi(dataMeshApiRef);
  const target = projectDatasetOf(entity);
  const project = target?.project;
  const dataset = target?.dataset;
  const state = useAsync(async () => {
    if (!project || !dataset) {
      return undefined;
    }
    const [history, months, budget] = await Promise.all([
      loadDatasetRunHistory(api, { project, dataset }),
      api.getCostRollup({ groupBy: 'month', project, limit: MONTHS_PAGE }),
      lookUpBudget(api, project),
    ]);
    return {
      runs: runCostBars(history.runs),
      months: monthCostBars(months.items),
      budget,
    };
  }, [api, project, dataset]);

  return (
    <MeasuredContent
      target={target}
      state={state}
      isEmpty={({ runs, months }) => runs.length === 0 && months.length === 0}
      what="Costs"
    >
      {({ runs, months, budget }, { project: projectName }) => (
        <Grid container spacing={3}>
          <Grid item xs={12} md={6}>
            <Paper className={classes.chart}>
              <CostBarChart<RunCostBar>
                id="runs"
                title="DBUs per run"
                description={`What each of the latest runs writing ${dataset} cost: its tasks that write it while estimated, the whole run once billed.`}
                data={runs}
                category="time"
                formatCategory={formatDay}
              />
            </Paper>
          </Grid>
          <Grid item xs={12} md={6}>
            <Paper className={classes.chart}>
              <CostBarChart<MonthCostBar>
                id="months"
                title="DBUs per month"
                description={`Every run of the ${projectName} project, by month, against its monthly budget.`}
                data={months}
                category="month"
                formatCategory={String}
                line={
                  budget.budget && {
                    dbus: budget.budget.budgetDbus,
                    label: `Budget ${formatDbus(budget.budget.budgetDbus)}`,
                  }
                }
              />
              <BudgetSummary project={projectName} lookup={budget} />
            </Paper>
          </Grid>
          <Grid item xs={12}>
            <Table<RunCostBar>
              title="Cost per run"
              subtitle={`The latest runs writing ${dataset}, newest first`}
              columns={runColumns}
              data={[...runs].reverse()}
              options={{ paging: false, search: false, padding: 'dense' }}
            />
          </Grid>
        </Grid>
      )}
    </MeasuredContent>
  );
};

/**
 * The "Cost" tab of a DataProduct: DBUs of the runs that write it, and of
 * its project per month against the project's budget, estimates marked.
 */
export const DataProductCostContent = () => {
  const entity = useDataProductEntity();
  if (!entity) {
    return <NotADataProductPanel />;
  }
  return <Cost entity={entity} />;
};
