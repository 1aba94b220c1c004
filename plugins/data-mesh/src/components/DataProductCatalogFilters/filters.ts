import type { Entity } from '@backstage/catalog-model';
import type {
  DefaultEntityFilters,
  EntityFilter,
} from '@backstage/plugin-catalog-react';
import {
  ANNOTATION_DATA_PROJECT,
  ANNOTATION_DATASET,
} from '@meshwork/data-mesh-common';
import type { DatasetFreshness } from '../../api';

/** A catalog query, as catalog filters return it. */
type FilterPredicate = NonNullable<
  ReturnType<NonNullable<EntityFilter['getCatalogQuery']>>
>;

/** One value as it is, several as `$in`, as the catalog's own filters do. */
function oneOrAnyOf(values: string[]): string | { $in: string[] } {
  return values.length === 1 ? values[0] : { $in: values };
}

/** DataProducts in any of the chosen domains (`spec.domain`). */
export class DataProductDomainFilter implements EntityFilter {
  constructor(readonly values: string[]) {}

  getCatalogQuery(): FilterPredicate {
    return { 'spec.domain': oneOrAnyOf(this.values) };
  }

  filterEntity(entity: Entity): boolean {
    return this.values.includes(entity.spec?.domain as string);
  }

  toQueryValue(): string[] {
    return this.values;
  }
}

/** DataProducts in any of the chosen medallion layers (`spec.layer`). */
export class DataProductLayerFilter implements EntityFilter {
  constructor(readonly values: string[]) {}

  getCatalogQuery(): FilterPredicate {
    return { 'spec.layer': oneOrAnyOf(this.values) };
  }

  filterEntity(entity: Entity): boolean {
    return this.values.includes(entity.spec?.layer as string);
  }

  toQueryValue(): string[] {
    return this.values;
  }
}

/** DataProducts with a column classified as personal data (`spec.containsPii`). */
export class DataProductPiiFilter implements EntityFilter {
  getCatalogQuery(): FilterPredicate {
    // The catalog indexes booleans as their text; it compares case-insensitively.
    return { 'spec.containsPii': 'true' };
  }

  filterEntity(entity: Entity): boolean {
    return entity.spec?.containsPii === true;
  }

  toQueryValue(): string {
    return 'true';
  }
}

/** Freshness of a dataset against its SLA, as the data-mesh API reports it. */
export type FreshnessStatus = DatasetFreshness['status'];

/** Every freshness status, in the order the picker offers them. */
export const FRESHNESS_STATUSES: readonly FreshnessStatus[] = [
  'fresh',
  'stale',
  'unknown',
];

/** Whether a URL or picker value names a freshness status. */
export function isFreshnessStatus(value: unknown): value is FreshnessStatus {
  return FRESHNESS_STATUSES.includes(value as FreshnessStatus);
}

function datasetKey(project: string, dataset: string): string {
  return JSON.stringify([project, dataset]);
}

/**
 * DataProducts whose dataset has any of the chosen freshness statuses. The
 * status lives in the data-mesh backend, not on the entity, so the filter
 * carries the backend's reports and turns them into a catalog query on the
 * products' project and dataset annotations: the catalog then pages and
 * counts the filtered list itself. A product without a report (never
 * written, or in a project the viewer may not read) is `unknown`.
 */
export class DataProductFreshnessFilter implements EntityFilter {
  private readonly statusByDataset: Map<string, FreshnessStatus>;

  constructor(
    readonly values: FreshnessStatus[],
    private readonly reports: readonly DatasetFreshness[],
  ) {
    this.statusByDataset = new Map(
      reports.map(r => [datasetKey(r.project, r.dataset), r.status]),
    );
  }

  /** The freshness status of a DataProduct, `unknown` without a report. */
  statusOf(entity: Entity): FreshnessStatus {
    const annotations = entity.metadata.annotations ?? {};
    const project = annotations[ANNOTATION_DATA_PROJECT];
    const dataset = annotations[ANNOTATION_DATASET];
    if (!project || !dataset) return 'unknown';
    return this.statusByDataset.get(datasetKey(project, dataset)) ?? 'unknown';
  }

  getCatalogQuery(): FilterPredicate | undefined {
    const datasetsWithStatus = (match: (s: FreshnessStatus) => boolean) =>
      this.reports
        .filter(r => match(r.status))
        .map(
          (r): FilterPredicate => ({
            [`metadata.annotations.${ANNOTATION_DATA_PROJECT}`]: r.project,
            [`metadata.annotations.${ANNOTATION_DATASET}`]: r.dataset,
          }),
        );
    // `unknown` also covers every product without a report, which only
    // the complement of the known ones can name.
    if (this.values.includes('unknown')) {
      const excluded = datasetsWithStatus(
        s => s !== 'unknown' && !this.values.includes(s),
      );
      return excluded.length > 0 ? { $not: { $any: excluded } } : undefined;
    }
    return { $any: datasetsWithStatus(s => this.values.includes(s)) };
  }

  filterEntity(entity: Entity): boolean {
    return this.values.includes(this.statusOf(entity));
  }

  toQueryValue(): string[] {
    return this.values;
  }
}

/** The catalog's filters with those of the DataProduct pickers. */
export type DataProductEntityFilters = DefaultEntityFilters & {
  domains?: DataProductDomainFilter;
  layers?: DataProductLayerFilter;
  containsPii?: DataProductPiiFilter;
  freshness?: DataProductFreshnessFilter;
};
