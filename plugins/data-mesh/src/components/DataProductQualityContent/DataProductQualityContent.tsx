import { useApi } from '@backstage/frontend-plugin-api';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import { makeStyles } from '@material-ui/core/styles';
import type { DataProductEntity } from '@meshwork/data-mesh-common';
import useAsync from 'react-use/esm/useAsync';
import { dataMeshApiRef } from '../../api';
import {
  NotADataProductPanel,
  useDataProductEntity,
} from '../DataProductEntity';
import { projectDatasetOf } from '../DataProductHealthCard/useMeasuredHealth';
import { MeasuredContent } from '../DataProductRunHistory';
import { LastFailuresTable } from './LastFailuresTable';
import { QualityResultsChart } from './QualityResultsChart';
import { loadQualityResults, resultPoints, ruleRows } from './qualityHistory';

const useStyles = makeStyles(theme => ({
  chart: { padding: theme.spacing(2) },
}));

const Quality = ({ entity }: { entity: DataProductEntity }) => {
  const classes = useStyles();
  const api = useApi(dataMeshApiRef);
  const target = projectDatasetOf(entity);
  const project = target?.project;
  const dataset = target?.dataset;
  const state = useAsync(
    async () =>
      project && dataset
        ? loadQualityResults(api, { project, dataset })
        : undefined,
    [api, project, dataset],
  );
  return (
    <MeasuredContent
      target={target}
      state={state}
      isEmpty={results => results.length === 0}
      what="Quality results"
    >
      {results => {
        const rows = ruleRows(entity.spec.contract, results);
        const labels = new Map(rows.map(row => [row.key, row.label]));
        return (
          <Grid container spacing={3}>
            <Grid item xs={12}>
              <Paper className={classes.chart}>
                <QualityResultsChart
                  rows={rows}
                  points={resultPoints(rows, results)}
                />
              </Paper>
            </Grid>
            <Grid item xs={12}>
              <LastFailuresTable
                results={results}
                labelOf={result =>
                  labels.get(result.ruleKey) ?? result.ruleLabel
                }
              />
            </Grid>
          </Grid>
        );
      }}
    </MeasuredContent>
  );
};

/**
 * The "Quality" tab of a DataProduct: each contract rule's results over
 * time, and the latest failures with what they found.
 */
export const DataProductQualityContent = () => {
  const entity = useDataProductEntity();
  if (!entity) {
    return <NotADataProductPanel />;
  }
  return <Quality entity={entity} />;
};
