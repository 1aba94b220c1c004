import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Typography from '@material-ui/core/Typography';
import CheckBoxIcon from '@material-ui/icons/CheckBox';
import CheckBoxOutlineBlankIcon from '@material-ui/icons/CheckBoxOutlineBlank';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  CatalogAutocomplete,
  useEntityList,
} from '@backstage/plugin-catalog-react';
import { useEffect, useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { dataMeshApiRef } from '../../api';
import {
  DataProductEntityFilters,
  DataProductFreshnessFilter,
  FRESHNESS_STATUSES,
  FreshnessStatus,
  isFreshnessStatus,
} from './filters';
import { loadFreshnessReports } from './loadFreshnessReports';
import { useDataProductKindSelected } from './useDataProductKindSelected';

const STATUS_LABELS: Record<FreshnessStatus, string> = {
  fresh: 'Fresh',
  stale: 'Stale',
  unknown: 'Unknown',
};

function FreshnessAutocomplete() {
  const api = useApi(dataMeshApiRef);
  const {
    filters,
    updateFilters,
    queryParameters: { freshness: queryParameter },
  } = useEntityList<DataProductEntityFilters>();
  const [selected, setSelected] = useState<FreshnessStatus[]>(() => {
    const fromUrl = [queryParameter].flat().filter(isFreshnessStatus);
    return fromUrl.length ? fromUrl : filters.freshness?.values ?? [];
  });
  const reports = useAsync(() => loadFreshnessReports(api), [api]);

  const filter = useMemo(
    () =>
      selected.length && reports.value
        ? new DataProductFreshnessFilter(selected, reports.value)
        : undefined,
    [selected, reports.value],
  );
  useEffect(() => {
    updateFilters({ freshness: filter });
  }, [filter, updateFilters]);

  return (
    <Box pb={1} pt={1}>
      <CatalogAutocomplete<FreshnessStatus, true>
        label="Freshness"
        name="freshness-picker"
        multiple
        disableCloseOnSelect
        options={[...FRESHNESS_STATUSES]}
        value={selected}
        onChange={(_event, value) => setSelected(value)}
        loading={reports.loading}
        disabled={Boolean(reports.error)}
        getOptionLabel={status => STATUS_LABELS[status]}
        renderOption={(status, { selected: checked }) => (
          <FormControlLabel
            control={
              <Checkbox
                icon={<CheckBoxOutlineBlankIcon fontSize="small" />}
                checkedIcon={<CheckBoxIcon fontSize="small" />}
                checked={checked}
              />
            }
            onClick={event => event.preventDefault()}
            label={STATUS_LABELS[status]}
          />
        )}
      />
      {reports.error && (
        <Typography variant="caption" color="error" role="alert">
          Freshness could not be loaded: {reports.error.message}
        </Typography>
      )}
    </Box>
  );
}

/**
 * Catalog filter by a DataProduct's freshness against its SLA. The status
 * is kept by the data-mesh backend, not on the entity: the picker reads
 * every report at once and filters the catalog's query by them.
 */
export function DataProductFreshnessPicker() {
  const listsDataProducts = useDataProductKindSelected('freshness');
  if (!listsDataProducts) return null;
  return <FreshnessAutocomplete />;
}
