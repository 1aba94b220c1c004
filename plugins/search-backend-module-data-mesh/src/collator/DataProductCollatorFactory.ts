import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { DocumentCollatorFactory } from '@backstage/plugin-search-common';
import {
  DATA_MESH_API_VERSION,
  isDataProductEntity,
} from '@meshwork/data-mesh-common';
import { Readable } from 'node:stream';
import {
  DataProductFacts,
  DataProductFactsReader,
} from '../facts/DataProductFacts';
import {
  DataProductCollatorOptions,
  readDataProductCollatorOptions,
} from './config';
import {
  DATA_PRODUCT_DOCUMENT_TYPE,
  DataProductDocument,
} from './DataProductDocument';
import { toDataProductDocument } from './toDataProductDocument';

/**
 * Collates the catalog's DataProducts into `data-product` search documents,
 * reading the catalog page by page with the module's own credentials, like
 * Backstage's `DefaultCatalogCollatorFactory`. Each document carries the
 * entity ref, so the search backend shows a product only to users who may
 * read the entity.
 * @public
 */
export class DataProductCollatorFactory implements DocumentCollatorFactory {
  readonly type = DATA_PRODUCT_DOCUMENT_TYPE;
  readonly visibilityPermission = catalogEntityReadPermission;

  static fromConfig(
    config: Config,
    deps: {
      auth: AuthService;
      catalog: CatalogService;
      facts: DataProductFactsReader;
      logger: LoggerService;
    },
  ): DataProductCollatorFactory {
    return new DataProductCollatorFactory({
      ...deps,
      ...readDataProductCollatorOptions(config),
    });
  }

  private constructor(
    private readonly options: DataProductCollatorOptions & {
      auth: AuthService;
      catalog: CatalogService;
      facts: DataProductFactsReader;
      logger: LoggerService;
    },
  ) {}

  async getCollator(): Promise<Readable> {
    return Readable.from(this.execute());
  }

  private async *execute(): AsyncGenerator<DataProductDocument> {
    const { auth, catalog, batchSize } = this.options;
    const facts = await this.options.facts.read();
    let cursor: string | undefined;
    do {
      const response = await catalog.queryEntities(
        cursor
          ? { cursor, limit: batchSize }
          : {
              filter: {
                kind: 'DataProduct',
                apiVersion: DATA_MESH_API_VERSION,
              },
              limit: batchSize,
              totalItems: 'exclude',
            },
        { credentials: await auth.getOwnServiceCredentials() },
      );
      cursor = response.pageInfo.nextCursor;
      for (const entity of response.items) {
        const document = await this.toDocument(entity, facts);
        if (document) yield document;
      }
    } while (cursor);
  }

  private async toDocument(
    entity: Parameters<typeof isDataProductEntity>[0],
    facts: DataProductFacts,
  ): Promise<DataProductDocument | undefined> {
    if (!isDataProductEntity(entity)) return undefined;
    const ref = stringifyEntityRef(entity);
    try {
      const document = await toDataProductDocument(entity, facts);
      return {
        ...document,
        location: this.location(document),
        authorization: { resourceRef: ref },
      };
    } catch (error) {
      // One malformed entity must not empty the whole index.
      this.options.logger.warn(`Skipping ${ref} in the search index: ${error}`);
      return undefined;
    }
  }

  private location(document: {
    namespace: string;
    kind: string;
    name: string;
  }) {
    return this.options.locationTemplate
      .replace(':namespace', encodeURIComponent(document.namespace))
      .replace(':kind', encodeURIComponent(document.kind))
      .replace(':name', encodeURIComponent(document.name))
      .toLowerCase();
  }
}
