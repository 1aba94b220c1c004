export * from './dataProductFacts';
export { PiiBadge, PII_LABEL } from './PiiBadge';
export {
  NotADataProductPanel,
  useDataProductEntity,
} from './useDataProductEntity';
export { completeEntityRef } from './entityRefs';
