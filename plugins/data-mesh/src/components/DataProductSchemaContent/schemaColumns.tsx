import { TableColumn } from '@backstage/core-components';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ContractColumn, isPiiColumn, PiiBadge } from '../DataProductEntity';

// Identifiers and types read wrongly when broken across lines.
const useStyles = makeStyles({ nowrap: { whiteSpace: 'nowrap' } });

/** A row of the schema table: one column of the contract. */
export type SchemaRow = ContractColumn & { id: string };

const ColumnName = ({ column }: { column: ContractColumn }) => {
  const classes = useStyles();
  const marks = [
    column.primaryKey && 'primary key',
    column.required && 'required',
  ].filter(Boolean);
  return (
    <>
      <code className={classes.nowrap}>{column.name}</code>
      {marks.length > 0 && (
        <Typography variant="caption" component="div" color="textSecondary">
          {marks.join(', ')}
        </Typography>
      )}
    </>
  );
};

/** The physical type where the contract gives one, with the logical type. */
const ColumnType = ({ column }: { column: ContractColumn }) => {
  const classes = useStyles();
  const shown = column.physicalType ?? column.logicalType;
  if (!shown) {
    return null;
  }
  return (
    <>
      <code className={classes.nowrap}>{shown}</code>
      {column.physicalType &&
        column.logicalType &&
        column.logicalType !== column.physicalType && (
          <Typography variant="caption" component="div" color="textSecondary">
            {column.logicalType}
          </Typography>
        )}
    </>
  );
};

const Classification = ({ column }: { column: ContractColumn }) => {
  if (isPiiColumn(column)) {
    return <PiiBadge label={column.classification ?? 'PII'} />;
  }
  return column.classification ? (
    <Chip size="small" variant="outlined" label={column.classification} />
  ) : null;
};

const Tags = ({ column }: { column: ContractColumn }) => (
  <>
    {(column.tags ?? []).map(tag => (
      <Chip key={tag} size="small" label={tag} />
    ))}
  </>
);

/** How a derived column is computed, and from which input columns. */
const Derivation = ({ column }: { column: ContractColumn }) => {
  const inputs = column.transformSourceObjects ?? [];
  if (!column.transformLogic && inputs.length === 0) {
    return null;
  }
  return (
    <>
      {column.transformLogic && <code>{column.transformLogic}</code>}
      {inputs.length > 0 && (
        <Typography variant="caption" component="div" color="textSecondary">
          from {inputs.join(', ')}
        </Typography>
      )}
      {column.transformDescription && (
        <Typography variant="caption" component="div">
          {column.transformDescription}
        </Typography>
      )}
    </>
  );
};

/** The columns of the schema table, in the order a consumer reads them. */
export const schemaColumns: TableColumn<SchemaRow>[] = [
  {
    title: 'Column',
    field: 'name', width: '15%',
    highlight: true,
    render: row => <ColumnName column={row} />,
  },
  {
    title: 'Type',
    field: 'physicalType', width: '12%',
    render: row => <ColumnType column={row} />,
  },
  { title: 'Description', field: 'description', width: '28%', },
  {
    title: 'Classification',
    field: 'classification', width: '10%',
    render: row => <Classification column={row} />,
  },
  {
    title: 'Tags',
    field: 'tags', width: '10%',
    sorting: false,
    render: row => <Tags column={row} />,
  },
  {
    title: 'Derivation',
    field: 'transformLogic', width: '25%',
    render: row => <Derivation column={row} />,
  },
];
