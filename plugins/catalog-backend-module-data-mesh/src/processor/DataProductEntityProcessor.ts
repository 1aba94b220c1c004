import {
  CompoundEntityRef,
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_HAS_PART,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  RELATION_PART_OF,
} from '@backstage/catalog-model';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  LocationSpec,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  dataProductEntityV1alpha1Validator,
  isDataProductEntity,
  RELATION_PRODUCED_BY,
  RELATION_PRODUCES,
  RELATION_SUBSCRIBED_BY,
  RELATION_SUBSCRIBES_TO,
} from '@meshwork/data-mesh-common';

/**
 * Validates DataProduct entities and emits their relations in both
 * directions, the way the catalog's built-in kinds processor does for its own
 * kinds.
 * @public
 */
export class DataProductEntityProcessor implements CatalogProcessor {
  getProcessorName(): string {
    return 'DataProductEntityProcessor';
  }

  async validateEntityKind(entity: Entity): Promise<boolean> {
    return dataProductEntityV1alpha1Validator.check(entity);
  }

  async postProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (!isDataProductEntity(entity)) {
      return entity;
    }
    const self = getCompoundEntityRef(entity);
    const { spec } = entity;

    const relate = (
      targets: string | string[] | undefined,
      defaultKind: string,
      forward: string,
      backward: string,
    ) => {
      for (const target of [targets ?? []].flat()) {
        const other = parseEntityRef(target, {
          defaultKind,
          defaultNamespace: self.namespace,
        });
        emitPair(emit, self, other, forward, backward);
      }
    };

    relate(spec.owner, 'Group', RELATION_OWNED_BY, RELATION_OWNER_OF);
    relate(spec.domain, 'Domain', RELATION_PART_OF, RELATION_HAS_PART);
    relate(spec.system, 'System', RELATION_PART_OF, RELATION_HAS_PART);
    relate(
      spec.producedBy,
      'Component',
      RELATION_PRODUCED_BY,
      RELATION_PRODUCES,
    );
    relate(
      spec.dependsOn,
      'DataProduct',
      RELATION_DEPENDS_ON,
      RELATION_DEPENDENCY_OF,
    );
    relate(
      (spec.consumers ?? []).map(consumer => consumer.team),
      'Group',
      RELATION_SUBSCRIBED_BY,
      RELATION_SUBSCRIBES_TO,
    );
    return entity;
  }
}

function emitPair(
  emit: CatalogProcessorEmit,
  source: CompoundEntityRef,
  target: CompoundEntityRef,
  forward: string,
  backward: string,
) {
  emit(processingResult.relation({ source, type: forward, target }));
  emit(
    processingResult.relation({
      source: target,
      type: backward,
      target: source,
    }),
  );
}
