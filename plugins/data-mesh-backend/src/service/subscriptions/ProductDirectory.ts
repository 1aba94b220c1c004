import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_DATA_PROJECT,
  ANNOTATION_DATASET,
  containsPii,
  DataProductContract,
  DataProductVisibility,
  isDataProductEntity,
  isPiiColumn,
} from '@meshwork/data-mesh-common';
import { normalizeOwnerRef } from '@meshwork/data-mesh-node';
import { createHash } from 'node:crypto';

/** What subscribing needs to know about a DataProduct. */
export interface SubscribableProduct {
  /** Its entity ref, lower case. */
  ref: string;
  title: string;
  project: string;
  dataset: string;
  /** Owner entity refs, lower case. */
  owners: string[];
  visibility: DataProductVisibility;
  /** The contract's columns, in contract order. */
  columns: string[];
  piiColumns: string[];
  containsPii: boolean;
  /** Whether access without PII columns is approved without an approver. */
  autoApprove: boolean;
  contract: DataProductContract;
  contractVersion: string;
}

/**
 * `total-sales` or `DataProduct:default/Total-Sales` →
 * `dataproduct:default/total-sales`; a 400 naming `field` for a ref of
 * another kind or a malformed one.
 */
export function normalizeProductRef(ref: string, field: string): string {
  let parsed;
  try {
    parsed = parseEntityRef(ref, {
      defaultKind: 'DataProduct',
      defaultNamespace: 'default',
    });
  } catch (error) {
    throw new InputError(`${field}: ${(error as Error).message}`);
  }
  if (parsed.kind.toLocaleLowerCase('en-US') !== 'dataproduct') {
    throw new InputError(
      `${field}: '${ref}' is not a DataProduct entity ref (kind '${parsed.kind}')`,
    );
  }
  return stringifyEntityRef(parsed).toLocaleLowerCase('en-US');
}

/** Locale-independent order, so the fingerprint is the same everywhere. */
function compareCodeUnits(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** JSON with object keys sorted, so equal contracts print alike. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => compareCodeUnits(a, b));
    return `{${entries
      .map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The version of a contract a subscriber agrees to. Datasets are versioned
 * by their repository, not by a number, so the version is a fingerprint of
 * the contract the DataProduct carries: it changes exactly when the
 * contract does.
 */
export function contractFingerprint(contract: DataProductContract): string {
  return `sha256:${createHash('sha256')
    .update(canonicalJson(contract))
    .digest('hex')}`;
}

/** Reads DataProducts from the catalog for subscriptions. */
export class ProductDirectory {
  constructor(
    private readonly options: {
      readonly catalog: CatalogService;
      readonly auth: AuthService;
    },
  ) {}

  /**
   * The product as `credentials` may see it (the backend's own when
   * omitted): undefined when there is no such DataProduct, or the caller
   * may not see it (an internal product of another team).
   */
  async get(
    ref: string,
    credentials?: BackstageCredentials,
  ): Promise<SubscribableProduct | undefined> {
    const entity = await this.options.catalog.getEntityByRef(ref, {
      credentials:
        credentials ?? (await this.options.auth.getOwnServiceCredentials()),
    });
    if (!entity || !isDataProductEntity(entity)) return undefined;
    const annotations = entity.metadata.annotations ?? {};
    const columns = (entity.spec.contract?.schema ?? []).flatMap(
      object => object.properties ?? [],
    );
    const contract = entity.spec.contract ?? {};
    return {
      ref: stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
      title: entity.metadata.title ?? entity.metadata.name,
      project: annotations[ANNOTATION_DATA_PROJECT] ?? '',
      dataset: annotations[ANNOTATION_DATASET] ?? entity.metadata.name,
      owners: [normalizeOwnerRef(entity.spec.owner)],
      visibility: entity.spec.visibility,
      columns: columns.map(column => column.name),
      piiColumns: columns.filter(isPiiColumn).map(column => column.name),
      containsPii: containsPii(entity),
      autoApprove: entity.spec.access?.autoApprove === true,
      contract,
      contractVersion: contractFingerprint(contract),
    };
  }
}
