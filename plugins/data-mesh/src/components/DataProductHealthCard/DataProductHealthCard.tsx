import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  dataProductRuleKey,
  type DataProductEntity,
} from '@meshwork/data-mesh-common';
import type { DatasetFreshness, QualityResult } from '../../api';
import {
  declaredQualityRules,
  describeQualityRule,
  formatSlaValue,
  freshnessSla,
  NotADataProductPanel,
  useDataProductEntity,
} from '../DataProductEntity';
import {
  MeasuredHealth,
  projectDatasetOf,
  useMeasuredHealth,
} from './useMeasuredHealth';

const useStyles = makeStyles(theme => ({
  section: {
    marginTop: theme.spacing(2),
    '&:first-child': { marginTop: 0 },
  },
}));

const FreshnessStatus = ({ report }: { report: DatasetFreshness }) => {
  switch (report.status) {
    case 'fresh':
      return <StatusOK>Fresh</StatusOK>;
    case 'stale':
      return <StatusError>Stale</StatusError>;
    default:
      return <StatusPending>Unknown</StatusPending>;
  }
};

const ResultStatus = ({ result }: { result?: QualityResult }) => {
  if (!result) {
    return <StatusPending>Not measured yet</StatusPending>;
  }
  switch (result.status) {
    case 'pass':
      return <StatusOK>Pass</StatusOK>;
    case 'fail':
      return <StatusError>Fail</StatusError>;
    default:
      return <StatusWarning>Error</StatusWarning>;
  }
};

/** What a failed result found, e.g. `12 failing rows`. */
function resultDetail(result: QualityResult | undefined): string | undefined {
  if (!result || result.status === 'pass') {
    return undefined;
  }
  if (result.failingRows !== undefined) {
    return `${result.failingRows} failing ${
      result.failingRows === 1 ? 'row' : 'rows'
    }`;
  }
  return result.message ?? (result.observed && `observed ${result.observed}`);
}

/** `3 of 4 rules pass` over each rule's latest result. */
function qualityScore(latest: Map<string, QualityResult>): string {
  const results = [...latest.values()];
  const passing = results.filter(r => r.status === 'pass').length;
  return `Latest results: ${passing} of ${results.length} ${
    results.length === 1 ? 'rule passes' : 'rules pass'
  }`;
}

/**
 * Why no measurement is shown: still loading, failed to load, not linked to
 * a project's dataset, or never measured. Undefined once there is one.
 */
const MeasurementState = (props: {
  linked: boolean;
  loading: boolean;
  error?: Error;
  measured?: MeasuredHealth;
}) => {
  if (!props.linked) {
    return (
      <EmptyState
        missing="info"
        title="Not measured by Meshwork"
        description="This data product is not published from a data project, so no run measures its freshness or quality."
      />
    );
  }
  if (props.loading) {
    return <Progress />;
  }
  if (props.error) {
    return <ResponseErrorPanel error={props.error} />;
  }
  const measured = props.measured;
  if (!measured?.freshness?.lastWrittenAt && !measured?.latestResults.size) {
    return (
      <EmptyState
        missing="data"
        title="No runs measured yet"
        description="Freshness and quality results appear here after a job run of the producing project writes this dataset."
      />
    );
  }
  return null;
};

const Health = ({ entity }: { entity: DataProductEntity }) => {
  const classes = useStyles();
  const { contract } = entity.spec;
  const sla = freshnessSla(contract);
  const rules = declaredQualityRules(contract);
  // Naming the table only helps when the contract has more than one.
  const namesTables = (contract?.schema ?? []).length > 1;
  const target = projectDatasetOf(entity);
  const { value: measured, loading, error } = useMeasuredHealth(target);
  const latest = measured?.latestResults;
  const report = measured?.freshness;

  return (
    <InfoCard title="Quality and freshness">
      <div className={classes.section}>
        <Typography variant="subtitle2" component="h3">
          Freshness
        </Typography>
        <Typography variant="body2" component="div">
          {sla
            ? `Promised: updated at least every ${formatSlaValue(sla)}.`
            : 'The contract makes no freshness promise.'}
        </Typography>
        {report && (
          <Typography variant="body2" component="div">
            <FreshnessStatus report={report} /> {report.message}
          </Typography>
        )}
      </div>
      <div className={classes.section}>
        <Typography variant="subtitle2" component="h3">
          Quality rules
        </Typography>
        {latest && latest.size > 0 && (
          <Typography variant="body2">{qualityScore(latest)}</Typography>
        )}
        {rules.length > 0 ? (
          <List dense aria-label="Declared quality rules">
            {rules.map(({ table, rule }, index) => {
              const key = dataProductRuleKey(rule);
              const result = key ? latest?.get(key) : undefined;
              const details = [
                rule.severity,
                namesTables && table,
                resultDetail(result),
              ].filter(Boolean);
              return (
                <ListItem key={key ?? index} disableGutters>
                  <ListItemText
                    primary={describeQualityRule(rule)}
                    secondary={
                      latest || details.length > 0 ? (
                        <>
                          {latest && <ResultStatus result={result} />}
                          {details.length > 0 && ` ${details.join(' · ')}`}
                        </>
                      ) : undefined
                    }
                  />
                </ListItem>
              );
            })}
          </List>
        ) : (
          <Typography variant="body2">
            The contract declares no quality rules.
          </Typography>
        )}
      </div>
      <MeasurementState
        linked={Boolean(target)}
        loading={loading}
        error={error}
        measured={measured}
      />
    </InfoCard>
  );
};

/**
 * The contract's freshness promise and quality rules, held against what
 * the project's runs last measured. Only measured values are shown: a
 * product nobody has measured says so instead of showing a score.
 */
export const DataProductHealthCard = () => {
  const entity = useDataProductEntity();
  if (!entity) {
    return <NotADataProductPanel />;
  }
  return <Health entity={entity} />;
};
