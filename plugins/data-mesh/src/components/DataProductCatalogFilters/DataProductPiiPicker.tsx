import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import { useEntityList } from '@backstage/plugin-catalog-react';
import { useEffect, useState } from 'react';
import { DataProductEntityFilters, DataProductPiiFilter } from './filters';
import { useDataProductKindSelected } from './useDataProductKindSelected';

function PiiCheckbox() {
  const {
    filters,
    updateFilters,
    queryParameters: { containsPii: queryParameter },
  } = useEntityList<DataProductEntityFilters>();
  const [checked, setChecked] = useState(
    [queryParameter].flat().includes('true') ||
      filters.containsPii !== undefined,
  );
  useEffect(() => {
    updateFilters({
      containsPii: checked ? new DataProductPiiFilter() : undefined,
    });
  }, [checked, updateFilters]);
  return (
    <Box pb={1} pt={1}>
      <FormControlLabel
        control={
          <Checkbox
            checked={checked}
            onChange={event => setChecked(event.target.checked)}
            name="contains-pii"
          />
        }
        label="Contains PII"
      />
    </Box>
  );
}

/**
 * Catalog filter for DataProducts with a column classified as personal
 * data, which need an approved subscription to read.
 */
export function DataProductPiiPicker() {
  const listsDataProducts = useDataProductKindSelected('containsPii');
  if (!listsDataProducts) return null;
  return <PiiCheckbox />;
}
