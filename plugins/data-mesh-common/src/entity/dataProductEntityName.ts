/** The longest entity name the catalog accepts. */
const MAX_ENTITY_NAME_LENGTH = 63;

/**
 * The catalog name of the DataProduct of a dataset: the dataset name in
 * kebab case, the catalog's convention (`TotalSales` → `total-sales`,
 * `bronze_orders` → `bronze-orders`, `Join-customers-redo` →
 * `join-customers-redo`). The dataset name itself stays in the entity's
 * title and in its `meshwork.io/dataset` annotation.
 *
 * Dataset names are identifiers with `-` between parts, so the result is
 * always a valid entity name once it fits the catalog's 63 characters; a
 * longer one is cut there.
 *
 * @public
 */
export function dataProductEntityName(dataset: string): string {
  const words = dataset
    // A lower-case letter or digit followed by an upper-case one starts a
    // word (`TotalSales`); so does the last capital of a run before a
    // lower-case letter (`HTMLPage` → `html-page`).
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase()
    .split(/[-_]+/)
    .filter(Boolean);
  return words.join('-').slice(0, MAX_ENTITY_NAME_LENGTH).replace(/-+$/, '');
}
