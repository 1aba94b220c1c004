import {
  Entity,
  entityKindSchemaValidator,
  KindValidator,
} from '@backstage/catalog-model';
import { JsonValue } from '@backstage/types';
import { DATA_MESH_API_VERSION } from './constants';
import { dataProductEntityV1alpha1Schema } from './dataProductEntityV1alpha1Schema';

/** Who may see a data product in the portal. @public */
export type DataProductVisibility = 'internal' | 'published';

/** Medallion layer of the dataset behind a data product. @public */
export type DataProductLayer = 'bronze' | 'silver' | 'gold';

/**
 * One column of a data product's contract, shaped on ODCS v3.1 `properties`.
 * @public
 */
export type DataProductColumn = {
  name: string;
  logicalType?: string;
  physicalType?: string;
  description?: string;
  required?: boolean;
  primaryKey?: boolean;
  /** ODCS classification, e.g. `pii`, `confidential`, `public`. */
  classification?: string;
  tags?: string[];
  /** For derived columns: the Spark SQL formula that computes it. */
  transformLogic?: string;
  /**
   * For derived columns: the columns the formula reads, as
   * `dataset.column` (ODCS `transformSourceObjects`).
   */
  transformSourceObjects?: string[];
  /** Quality rules about this column alone (ODCS property-level `quality`). */
  quality?: DataProductQualityRule[];
};

/** A quality rule of a contract, shaped on ODCS v3.1 `quality`. @public */
export type DataProductQualityRule = {
  /** Stable id of the rule, under which its results are kept. */
  id?: string;
  name?: string;
  description?: string;
  type?: 'library' | 'sql' | 'text' | 'custom';
  rule?: string;
  /** For `library` rules: the ODCS metric, e.g. `nullValues`, `rowCount`. */
  metric?: string;
  /** For `sql` rules: a query whose single value is compared. */
  query?: string;
  /** ODCS quality dimension, e.g. `completeness`, `uniqueness`. */
  dimension?: string;
  column?: string;
  mustBe?: JsonValue;
  mustBeGreaterThan?: number;
  mustBeGreaterOrEqualTo?: number;
  mustBeLessThan?: number;
  mustBeLessOrEqualTo?: number;
  mustBeBetween?: [number, number];
  severity?: 'error' | 'warning';
  [key: string]: JsonValue | undefined;
};

/** A service-level property of a contract (ODCS `slaProperties`). @public */
export type DataProductSlaProperty = {
  property: string;
  value: string | number | boolean;
  unit?: string;
  element?: string;
};

/** The ODCS-shaped data contract carried by a DataProduct. @public */
export type DataProductContract = {
  /** ODCS schema objects: one per table the product exposes. */
  schema?: Array<{
    name: string;
    physicalName?: string;
    description?: string;
    properties?: DataProductColumn[];
    quality?: DataProductQualityRule[];
  }>;
  quality?: DataProductQualityRule[];
  slaProperties?: DataProductSlaProperty[];
  support?: Array<{ channel: string; url?: string; tool?: string }>;
  price?: { priceAmount?: number; priceCurrency?: string; priceUnit?: string };
};

/** Where consumers read the product: one table name per engine. @public */
export type DataProductOutputPort = {
  engine: string;
  /** The engine's deployment target (e.g. `dev`, `prod`), when it has several. */
  target?: string;
  table: string;
};

/** How consumers get access to a data product. @public */
export type DataProductAccess = {
  /**
   * Approve a request at once, without an approver, when none of the
   * columns it asks for holds PII. Requests that include PII columns are
   * never approved automatically.
   */
  autoApprove?: boolean;
};

/**
 * A team with approved access to a data product, as the data-mesh backend's
 * subscriptions say; the catalog relates the two with `subscribedBy` and
 * `subscribesTo`.
 * @public
 */
export type DataProductConsumer = {
  /** Entity reference of the consuming team (a Group). */
  team: string;
  /** When the team's access was approved, an ISO 8601 date-time. */
  since: string;
  /** The columns the team may read; absent when it may read all of them. */
  columns?: string[];
};

/**
 * A dataset a domain team offers to the rest of the company.
 * @public
 */
export interface DataProductEntityV1alpha1 extends Entity {
  apiVersion: typeof DATA_MESH_API_VERSION;
  kind: 'DataProduct';
  spec: {
    owner: string;
    domain?: string;
    system?: string;
    lifecycle: string;
    visibility: DataProductVisibility;
    layer: DataProductLayer;
    /** Entity reference of the data project (a Component) that writes it. */
    producedBy?: string;
    /** Upstream data products this one is derived from. */
    dependsOn?: string[];
    contract?: DataProductContract;
    outputPorts?: DataProductOutputPort[];
    /**
     * Whether a column of the contract is classified `pii`: reading the
     * product then needs an approved subscription.
     */
    containsPii?: boolean;
    /** How consumers get access to the product. */
    access?: DataProductAccess;
    /**
     * The teams with approved subscriptions, one entry per team; set by the
     * catalog's DataProduct provider, not by the project's files.
     */
    consumers?: DataProductConsumer[];
  };
}

/** The current DataProduct entity type. @public */
export type DataProductEntity = DataProductEntityV1alpha1;

/** Type guard for DataProduct entities of any supported version. @public */
export function isDataProductEntity(
  entity: Entity,
): entity is DataProductEntity {
  return (
    entity.kind === 'DataProduct' && entity.apiVersion === DATA_MESH_API_VERSION
  );
}

const validate = entityKindSchemaValidator<DataProductEntityV1alpha1>(
  dataProductEntityV1alpha1Schema,
);

/**
 * Catalog validator for DataProduct entities: `true` when the entity is a
 * valid DataProduct, `false` when it is some other kind, and a `TypeError`
 * naming the offending field otherwise.
 * @public
 */
export const dataProductEntityV1alpha1Validator: KindValidator = {
  async check(data: Entity) {
    return validate(data) !== false;
  },
};
