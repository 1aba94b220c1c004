import { Entity } from '@backstage/catalog-model';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef, EntityTable } from '@backstage/plugin-catalog-react';
import { TableColumn } from '@backstage/core-components';
import useAsync from 'react-use/esm/useAsync';

export interface CatalogEntitiesCardProps {
  title: string;
  filter: Record<string, string>;
  columns: TableColumn<Entity>[];
  emptyTitle: string;
  emptyDescription: string;
}

/** A table of the catalog entities matching a filter. */
export const CatalogEntitiesCard = ({
  title,
  filter,
  columns,
  emptyTitle,
  emptyDescription,
}: CatalogEntitiesCardProps) => {
  const catalogApi = useApi(catalogApiRef);
  const filterKey = JSON.stringify(filter);
  const { value, loading, error } = useAsync(
    async () => (await catalogApi.getEntities({ filter })).items,
    [catalogApi, filterKey],
  );

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  return (
    <EntityTable
      title={title}
      entities={value ?? []}
      columns={columns}
      emptyContent={
        <EmptyState
          missing="data"
          title={emptyTitle}
          description={emptyDescription}
        />
      }
    />
  );
};
