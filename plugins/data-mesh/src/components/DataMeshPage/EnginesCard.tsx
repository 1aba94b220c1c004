import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  StatusError,
  StatusOK,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import useAsync from 'react-use/esm/useAsync';
import { dataMeshApiRef, EngineHealth } from '../../api';

const EngineState = ({ engine }: { engine: EngineHealth }) =>
  engine.state === 'ready' ? (
    <StatusOK>
      ready
      {engine.tableCount !== undefined && `, ${engine.tableCount} tables`}
    </StatusOK>
  ) : (
    <StatusError>{engine.message ?? 'unavailable'}</StatusError>
  );

/** Which warehouses the backend runs on, and whether they answer. */
export const EnginesCard = () => {
  const dataMeshApi = useApi(dataMeshApiRef);
  const { value, loading, error } = useAsync(
    () => dataMeshApi.getHealth(),
    [dataMeshApi],
  );

  if (loading) {
    return <Progress />;
  }
  if (error || !value) {
    return (
      <ResponseErrorPanel error={error ?? new Error('No health report')} />
    );
  }

  return (
    <InfoCard title="Warehouse engines" subheader={`Meshwork ${value.version}`}>
      {value.engines.length === 0 ? (
        'No warehouse engine is installed.'
      ) : (
        <Table size="small" aria-label="Warehouse engines">
          <TableHead>
            <TableRow>
              <TableCell>Engine</TableCell>
              <TableCell>SQL dialect</TableCell>
              <TableCell>State</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {value.engines.map(engine => (
              <TableRow key={engine.id}>
                <TableCell>{engine.id}</TableCell>
                <TableCell>{engine.dialect}</TableCell>
                <TableCell>
                  <EngineState engine={engine} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </InfoCard>
  );
};
