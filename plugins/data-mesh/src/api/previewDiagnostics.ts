import { ResponseError } from '@backstage/errors';
import type { DataMeshOpenApiComponents, PipelineDiagnostic } from './types';

type PreviewErrorBody = DataMeshOpenApiComponents['schemas']['PreviewError'];

/**
 * The problems of a pipeline that {@link DataMeshApi.preview} rejected
 * because it does not check (warnings included), each at its field, for
 * an editor to show in place; undefined for any other error (a malformed
 * request, a denied or failed preview), which only has its message.
 *
 * @public
 */
export function previewDiagnostics(
  error: unknown,
): readonly PipelineDiagnostic[] | undefined {
  if (!ResponseError.is(error) || error.statusCode !== 400) return undefined;
  const { diagnostics } = error.body as PreviewErrorBody;
  return Array.isArray(diagnostics) ? diagnostics : undefined;
}
