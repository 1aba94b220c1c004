import { EmptyState, Table } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import {
  NotADataProductPanel,
  useDataProductEntity,
} from '../DataProductEntity';
import { schemaColumns, SchemaRow } from './schemaColumns';

/**
 * The contract's columns: what each means, its type, whether it holds
 * personal data, and for derived columns the formula that computes it.
 */
export const DataProductSchemaContent = () => {
  const entity = useDataProductEntity();
  if (!entity) {
    return <NotADataProductPanel />;
  }
  const tables = (entity.spec.contract?.schema ?? []).filter(
    object => (object.properties ?? []).length > 0,
  );
  if (tables.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No schema in the contract"
        description={
          entity.spec.contract
            ? "This data product's contract lists no columns yet."
            : 'This data product has no data contract yet. Its owning team declares the columns in the dataset file of the project that produces it.'
        }
      />
    );
  }
  return (
    <Grid container spacing={3}>
      {tables.map(object => (
        <Grid item xs={12} key={object.name}>
          <Table<SchemaRow>
            title={object.name}
            subtitle={object.description ?? object.physicalName}
            columns={schemaColumns}
            data={(object.properties ?? []).map(column => ({
              ...column,
              id: column.name,
            }))}
            options={{
              paging: false,
              search: (object.properties ?? []).length > 10,
              padding: 'dense',
            }}
          />
        </Grid>
      ))}
    </Grid>
  );
};
