import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  StatusError,
  StatusOK,
  StatusWarning,
} from '@backstage/core-components';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { formatDbus } from '../charts';
import { formatQualitySummary } from '../DataProjectEntity';
import {
  TeamDataProduct,
  TeamDataProducts,
  useTeamDataProducts,
} from './useTeamDataProducts';

function Muted(props: { children: string }) {
  return (
    <Typography variant="body2" color="textSecondary">
      {props.children}
    </Typography>
  );
}

function Health(props: { product: TeamDataProduct }) {
  const { product } = props;
  if (!product.readable) return <Muted>Not visible to you</Muted>;
  const freshness = product.freshness?.status;
  const quality = product.quality;
  const qualityText = quality ? formatQualitySummary(quality) : 'no checks yet';
  if (freshness === 'stale' || quality?.fail) {
    return (
      <StatusError>
        {freshness === 'stale' ? 'Stale' : 'Fresh'}; {qualityText}
      </StatusError>
    );
  }
  if (freshness === 'fresh' && quality && !quality.error) {
    return <StatusOK>Fresh; {qualityText}</StatusOK>;
  }
  if (freshness === 'fresh')
    return <StatusWarning>Fresh; {qualityText}</StatusWarning>;
  return (
    <Muted>{product.freshness ? 'Freshness unknown' : 'Not written yet'}</Muted>
  );
}

function Cost(props: { product: TeamDataProduct }) {
  const { cost } = props.product;
  if (!cost) return <Muted>—</Muted>;
  return (
    <>
      <Typography variant="body2">
        {formatDbus(cost.dbus)}
        {cost.estimated ? ' (estimated)' : ''}
      </Typography>
      <Typography variant="caption" color="textSecondary">
        pipeline {cost.pipeline}
      </Typography>
    </>
  );
}

function TeamCost(props: { value: TeamDataProducts }) {
  const { teamCost, budget } = props.value;
  const used = `${formatDbus(teamCost.dbus)}${
    teamCost.estimated ? ' (estimated)' : ''
  }`;
  return (
    <Box mt={2}>
      <Typography variant="subtitle2">Team cost this month</Typography>
      <Typography variant="body2">
        {budget
          ? `${formatDbus(budget.usedDbus)}${
              budget.estimated ? ' (estimated)' : ''
            } of a ${formatDbus(budget.budgetDbus)} budget (${Math.round(
              budget.ratio * 100,
            )} %)`
          : `${used}; no monthly budget set`}
      </Typography>
    </Box>
  );
}

/**
 * The card on a team's Group page: the data products the team owns, each
 * with its freshness, latest quality and this month's cost, and the team's
 * cost against its budget.
 */
export const TeamDataProductsCard = () => {
  const { entity } = useEntity();
  const { value, loading, error } = useTeamDataProducts(entity);
  let body;
  if (error) {
    body = <ResponseErrorPanel error={error} />;
  } else if (loading || !value) {
    body = <Progress />;
  } else if (value.products.length === 0) {
    body = (
      <>
        <Muted>
          This team owns no data products yet. A data project's datasets become
          data products once the project is registered in the catalog.
        </Muted>
        <TeamCost value={value} />
      </>
    );
  } else {
    body = (
      <>
        <Table size="small" aria-label="Team data products">
          <TableHead>
            <TableRow>
              <TableCell>Data product</TableCell>
              <TableCell>Health</TableCell>
              <TableCell>Cost this month</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {value.products.map(product => (
              <TableRow key={stringifyEntityRef(product.entity)}>
                <TableCell>
                  <EntityRefLink entityRef={product.entity} />
                </TableCell>
                <TableCell>
                  <Health product={product} />
                </TableCell>
                <TableCell>
                  <Cost product={product} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <TeamCost value={value} />
      </>
    );
  }
  return <InfoCard title="Data products">{body}</InfoCard>;
};
