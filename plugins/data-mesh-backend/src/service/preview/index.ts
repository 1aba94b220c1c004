export {
  createPreviewRouter,
  type PreviewRouterOptions,
} from './createPreviewRouter';
export { readPreviewConfig, type PreviewConfig } from './readPreviewConfig';
export {
  PreviewAccessPolicy,
  type PreviewViewer,
  type UnmaskRequest,
} from './PreviewAccessPolicy';
export type { PreviewResponse, PreviewResponseColumn } from './PreviewService';
export type { EstimatedCost } from './estimatePipelineCost';
