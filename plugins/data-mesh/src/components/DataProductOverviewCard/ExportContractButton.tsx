import { useApi } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import GetAppIcon from '@material-ui/icons/GetApp';
import type { DataProductEntity } from '@meshwork/data-mesh-common';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { dataMeshApiRef } from '../../api';
import { projectDatasetOf } from '../DataProductHealthCard/useMeasuredHealth';

/**
 * Hands `text` to the browser as a file download: the API answers with the
 * document itself, which a plain link could not fetch with the user's token.
 */
export function downloadText(fileName: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
  } finally {
    URL.revokeObjectURL(url);
  }
}

/**
 * "Export contract": downloads the product's data contract as the ODCS
 * v3.1.0 YAML the backend builds from its project. Absent on a DataProduct
 * that no data project publishes (a hand-written entity has no contract
 * to export from).
 */
export const ExportContractButton = ({
  entity,
}: {
  entity: DataProductEntity;
}) => {
  const api = useApi(dataMeshApiRef);
  const target = projectDatasetOf(entity);
  const [state, exportContract] = useAsyncFn(async () => {
    if (!target) return;
    const yaml = await api.getDatasetOdcs(target.project, target.dataset);
    downloadText(`${target.dataset}.odcs.yaml`, yaml, 'application/yaml');
  }, [api, target?.project, target?.dataset]);

  if (!target) return null;
  return (
    <Box display="flex" flexDirection="column" alignItems="flex-end">
      <Button
        variant="outlined"
        color="primary"
        size="small"
        startIcon={<GetAppIcon />}
        onClick={() => exportContract()}
        disabled={state.loading}
        title="Download the data contract as ODCS v3.1 YAML"
      >
        {state.loading ? 'Exporting…' : 'Export contract'}
      </Button>
      {state.error && (
        <Typography variant="caption" color="error" role="alert">
          The contract could not be exported: {state.error.message}
        </Typography>
      )}
    </Box>
  );
};
