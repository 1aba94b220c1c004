import {
  Content,
  ContentHeader,
  SupportButton,
} from '@backstage/core-components';
import { EntityTable } from '@backstage/plugin-catalog-react';
import { DATA_PROJECT_COMPONENT_TYPE } from '@meshwork/data-mesh-common';
import Grid from '@material-ui/core/Grid';
import { AccessRequestsBadge } from './AccessRequestsBadge';
import { CatalogEntitiesCard } from './CatalogEntitiesCard';
import { EnginesCard } from './EnginesCard';
import { HealthOfYourData } from './HealthOfYourData';

// The column factories call each other through `this`, so keep them bound.
const columns = EntityTable.columns;

/** The portal's entry into the data mesh: projects, products and engines. */
export const DataMeshPage = () => (
  <Content>
    <ContentHeader title="Your data mesh">
      <SupportButton>
        Data projects build pipelines; the datasets they publish become data
        products that other teams can find and subscribe to.
      </SupportButton>
    </ContentHeader>
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <AccessRequestsBadge />
      </Grid>
      <Grid item xs={12}>
        <HealthOfYourData />
      </Grid>
      <Grid item xs={12} md={8}>
        <CatalogEntitiesCard
          title="Data projects"
          filter={{
            kind: 'Component',
            'spec.type': DATA_PROJECT_COMPONENT_TYPE,
          }}
          columns={[
            columns.createEntityRefColumn({ defaultKind: 'Component' }),
            columns.createOwnerColumn(),
            columns.createSystemColumn(),
            columns.createMetadataDescriptionColumn(),
          ]}
          emptyTitle="No data projects yet"
          emptyDescription="Register a Component with spec.type data-project to see it here."
        />
      </Grid>
      <Grid item xs={12} md={4}>
        <EnginesCard />
      </Grid>
      <Grid item xs={12}>
        <CatalogEntitiesCard
          title="Data products"
          filter={{ kind: 'DataProduct' }}
          columns={[
            columns.createEntityRefColumn({ defaultKind: 'DataProduct' }),
            columns.createOwnerColumn(),
            columns.createSpecLifecycleColumn(),
            columns.createMetadataDescriptionColumn(),
          ]}
          emptyTitle="No data products published yet"
          emptyDescription="Data products appear here when a data project publishes a dataset."
        />
      </Grid>
    </Grid>
  </Content>
);
