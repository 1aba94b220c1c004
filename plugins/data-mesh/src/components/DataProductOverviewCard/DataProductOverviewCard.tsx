import { InfoCard } from '@backstage/core-components';
import { EntityRefLink, EntityRefLinks } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type {
  DataProductEntity,
  DataProductVisibility,
} from '@meshwork/data-mesh-common';
import {
  completeEntityRef,
  containsPii,
  formatSlaValue,
  freshnessSla,
  NotADataProductPanel,
  PiiBadge,
  piiColumnNames,
  useDataProductEntity,
} from '../DataProductEntity';
import { ExportContractButton } from './ExportContractButton';
import { OverviewField } from './OverviewField';
import { RecentReads } from './RecentReads';

const useStyles = makeStyles(theme => ({
  ports: {
    margin: 0,
    paddingLeft: 0,
    listStyle: 'none',
  },
  piiColumns: {
    marginTop: theme.spacing(0.5),
    fontWeight: 'normal',
  },
}));

const VISIBILITY_TEXT: Record<DataProductVisibility, string> = {
  published: 'Published: anyone in the company may find it',
  internal: 'Internal: the owning team only',
};

const NONE = 'None';

const DataProductFacts = ({ entity }: { entity: DataProductEntity }) => {
  const classes = useStyles();
  const { spec } = entity;
  const pii = piiColumnNames(spec.contract);
  const personalData = containsPii(entity);
  const freshness = freshnessSla(spec.contract);
  const ports = spec.outputPorts ?? [];
  const owner = completeEntityRef(spec.owner, 'group', entity);
  const domain = completeEntityRef(spec.domain, 'domain', entity);
  const producedBy = completeEntityRef(spec.producedBy, 'component', entity);
  const upstream = (spec.dependsOn ?? []).flatMap(
    ref => completeEntityRef(ref, 'DataProduct', entity) ?? [],
  );
  // The teams with approved access, as the catalog provider writes them.
  const subscribers = (spec.consumers ?? []).flatMap(
    consumer => completeEntityRef(consumer.team, 'group', entity) ?? [],
  );
  return (
    <>
      <OverviewField label="Owner">
        {owner ? <EntityRefLink entityRef={owner} /> : spec.owner}
      </OverviewField>
      <OverviewField label="Domain">
        {domain ? <EntityRefLink entityRef={domain} /> : NONE}
      </OverviewField>
      <OverviewField label="Layer">{spec.layer}</OverviewField>
      <OverviewField label="Visibility">
        {VISIBILITY_TEXT[spec.visibility] ?? spec.visibility}
      </OverviewField>
      <OverviewField label="Personal data">
        {personalData ? (
          <>
            <PiiBadge label="Contains PII" />
            {pii.length > 0 && (
              <Typography
                variant="body2"
                component="div"
                className={classes.piiColumns}
              >
                {pii.length === 1 ? 'Column ' : 'Columns '}
                {pii.join(', ')}
              </Typography>
            )}
          </>
        ) : (
          'No column is classified as PII'
        )}
      </OverviewField>
      <OverviewField label="Freshness SLA">
        {freshness
          ? `Updated at least every ${formatSlaValue(freshness)}`
          : 'No freshness promise in the contract'}
      </OverviewField>
      <OverviewField label="Produced by">
        {producedBy ? <EntityRefLink entityRef={producedBy} /> : 'Unknown'}
      </OverviewField>
      <OverviewField label="Derived from">
        {upstream.length > 0 ? (
          <EntityRefLinks entityRefs={upstream} defaultKind="DataProduct" />
        ) : (
          // A published product's internal sources are its owners' business.
          'No other published data product'
        )}
      </OverviewField>
      <OverviewField label="Subscribers">
        {subscribers.length > 0 ? (
          <>
            {subscribers.length === 1
              ? '1 team: '
              : `${subscribers.length} teams: `}
            <EntityRefLinks entityRefs={subscribers} defaultKind="group" />
          </>
        ) : (
          'No team subscribes yet'
        )}
      </OverviewField>
      <OverviewField label="Recent reads">
        <RecentReads entity={entity} />
      </OverviewField>
      <OverviewField label="Output ports" gridSizes={{ xs: 12 }}>
        {ports.length > 0 ? (
          <ul className={classes.ports}>
            {ports.map(port => (
              <li key={`${port.engine}:${port.table}`}>
                {port.engine}: <code>{port.table}</code>
              </li>
            ))}
          </ul>
        ) : (
          'Not written to any warehouse yet'
        )}
      </OverviewField>
    </>
  );
};

/** The facts a consumer judges a data product's fitness on, at a glance. */
export const DataProductOverviewCard = () => {
  const entity = useDataProductEntity();
  if (!entity) {
    return <NotADataProductPanel />;
  }
  return (
    <InfoCard
      title="Data product"
      action={<ExportContractButton entity={entity} />}
    >
      <Grid container>
        <DataProductFacts entity={entity} />
      </Grid>
    </InfoCard>
  );
};
