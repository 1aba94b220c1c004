import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  StatusOK,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { dataMeshApiRef, MonitoringSummary } from '../../api';
import { BudgetGauges } from './BudgetGauges';
import {
  FailingJobsTable,
  MissedSlasTable,
  QualityBreachesTable,
} from './monitoringTables';

const Section = ({
  title,
  children,
}: {
  title: string;
  children: ReactNode;
}) => (
  <Box mb={3}>
    <Typography variant="h6" component="h3" gutterBottom>
      {title}
    </Typography>
    {children}
  </Box>
);

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

const Summary = ({ summary }: { summary: MonitoringSummary }) => {
  const { projects, failingJobs, missedSlas, qualityBreaches, budgets } =
    summary;
  const budgetSection = budgets.length > 0 && (
    <Section title="Cost against budget">
      <BudgetGauges budgets={budgets} />
    </Section>
  );
  if (projects.length === 0) {
    return (
      <>
        <Box mb={2}>
          <Typography>
            Your teams look after no data project yet. Failing jobs, missed
            SLAs, quality breaches and budgets of your teams' projects show
            here.
          </Typography>
        </Box>
        {budgetSection}
      </>
    );
  }
  const overBudget = budgets.filter(budget => budget.ratio >= 0.8);
  const problems =
    failingJobs.length +
    missedSlas.length +
    qualityBreaches.length +
    overBudget.length;
  return (
    <>
      {problems === 0 ? (
        <Box mb={2}>
          <StatusOK>All is well</StatusOK>
          <Typography variant="body2" color="textSecondary">
            {plural(projects.length, 'project', 'projects')} checked: no failing
            job, missed SLA or quality breach, and every budget under 80 %.
          </Typography>
        </Box>
      ) : null}
      {failingJobs.length > 0 && (
        <Section title={`Failing jobs (${failingJobs.length})`}>
          <FailingJobsTable jobs={failingJobs} />
        </Section>
      )}
      {missedSlas.length > 0 && (
        <Section title={`Missed SLAs (${missedSlas.length})`}>
          <MissedSlasTable slas={missedSlas} />
        </Section>
      )}
      {qualityBreaches.length > 0 && (
        <Section title={`Quality breaches (${qualityBreaches.length})`}>
          <QualityBreachesTable breaches={qualityBreaches} />
        </Section>
      )}
      {budgetSection}
    </>
  );
};

/**
 * What needs attention in the data projects the user's teams look after
 * (every project, for the platform team), each item linking to the page
 * where it is fixed.
 */
export const HealthOfYourData = () => {
  const dataMeshApi = useApi(dataMeshApiRef);
  const { value, loading, error } = useAsync(
    () => dataMeshApi.getMonitoringSummary(),
    [dataMeshApi],
  );
  return (
    <InfoCard
      title="Health of your data"
      subheader={
        value && value.projects.length > 0
          ? `Projects you look after: ${value.projects.join(', ')}`
          : undefined
      }
    >
      {loading && <Progress />}
      {!loading && error && <ResponseErrorPanel error={error} />}
      {!loading && !error && value && <Summary summary={value} />}
    </InfoCard>
  );
};
