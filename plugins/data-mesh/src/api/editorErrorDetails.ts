import { ResponseError } from '@backstage/errors';
import type {
  DataMeshOpenApiComponents,
  PipelineConflict,
  ProjectDiagnostic,
} from './types';

type EditorErrorBody = DataMeshOpenApiComponents['schemas']['EditorError'];

/**
 * What the editor can show in place of a refused save: the diagnostics of a
 * pipeline that does not check (400), or the three versions of a file that
 * changed meanwhile (409). Empty for any other error.
 *
 * @public
 */
export function editorErrorDetails(error: unknown): {
  diagnostics?: readonly ProjectDiagnostic[];
  conflict?: PipelineConflict;
} {
  if (!ResponseError.is(error)) return {};
  const body = error.body as EditorErrorBody;
  if (error.statusCode === 400 && Array.isArray(body.diagnostics)) {
    return { diagnostics: body.diagnostics };
  }
  if (error.statusCode === 409 && body.conflict) {
    return { conflict: body.conflict };
  }
  return {};
}
