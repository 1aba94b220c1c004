/**
 * On a DataProduct: the name of the data project (its catalog Component's
 * `metadata.name`) whose dataset it is.
 * @public
 */
export const ANNOTATION_DATA_PROJECT = 'meshwork.io/project';

/**
 * On a DataProduct: the dataset's name in its project (`TotalSales`), as the
 * data-mesh API and the project files name it; the entity's own name is
 * this name in kebab case.
 * @public
 */
export const ANNOTATION_DATASET = 'meshwork.io/dataset';

/**
 * On a DataProduct: the dataset's file, relative to the project's root
 * (`datasets/TotalSales.dataset.yaml`).
 * @public
 */
export const ANNOTATION_DATASET_FILE = 'meshwork.io/dataset-file';
