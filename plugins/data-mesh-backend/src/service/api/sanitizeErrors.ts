import { LoggerService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import { randomBytes } from 'node:crypto';
import express from 'express';
import {
  PipelineConflictError,
  ProjectDiagnosticsError,
} from '../editor/editorErrors';
import { PipelineDiagnosticsError } from '../preview/PipelineDiagnosticsError';

/**
 * Errors whose message was written for the caller: Backstage's errors
 * (`@backstage/errors`, which map to 4xx and 503) and the preview's own
 * timeout and limit errors.
 */
const CALLER_ERRORS = new Set([
  'InputError',
  'AuthenticationError',
  'NotAllowedError',
  'NotFoundError',
  'ConflictError',
  'NotModifiedError',
  'NotImplementedError',
  'ServiceUnavailableError',
  'PreviewTimeoutError',
  // PreviewLimitError's name: the 429 of a preview beyond the limits.
  'TooManyRequestsError',
  'QueryCancelledError',
]);

/**
 * The errors whose body carries data for the caller besides the message,
 * which Backstage's error handler would drop: the compiler's diagnostics
 * of the caller's own pipeline, the versions of a conflicting save.
 */
function callerData(
  error: unknown,
): { status: number; data: Record<string, unknown> } | undefined {
  if (
    error instanceof PipelineDiagnosticsError ||
    error instanceof ProjectDiagnosticsError
  ) {
    return { status: 400, data: { diagnostics: error.diagnostics } };
  }
  if (error instanceof PipelineConflictError) {
    return { status: 409, data: { conflict: error.conflict } };
  }
  return undefined;
}

/**
 * An absolute file system path of two segments or more (`/etc/hostname`,
 * `/srv/portal/app-config.yaml`), not part of a URL or an entity ref.
 */
const SERVER_PATH = /(?<![\w:/.-])\/(?:[\w.@+-]+\/)+[\w.@+-]*/g;

/** The message with every server path replaced, for the caller's eyes. */
export function withoutServerPaths(message: string): string {
  return message.replace(SERVER_PATH, '<path>');
}

function statusOf(error: Error): number | undefined {
  const { statusCode, status } = error as {
    statusCode?: unknown;
    status?: unknown;
  };
  const code = typeof statusCode === 'number' ? statusCode : status;
  return typeof code === 'number' && Number.isInteger(code) ? code : undefined;
}

/**
 * What a failed request answers, whatever the mode the backend runs in: a
 * caller error keeps its name, status and message, with server paths
 * removed; anything else (a bug, a driver or database error) is logged
 * whole and answered as a 500 with a log id and no stack, message, cause
 * or path of the original, which may carry other users' data or the
 * server's layout. A pipeline that does not check answers Backstage's
 * error body plus its `diagnostics`, a conflicting save its `conflict`.
 */
export function sanitizeErrors(
  logger: LoggerService,
): express.ErrorRequestHandler {
  return (rawError, req, res, next) => {
    const withData = callerData(rawError);
    if (withData && !res.headersSent) {
      res.status(withData.status).json({
        error: {
          name: (rawError as Error).name,
          message: withoutServerPaths((rawError as Error).message),
        },
        request: { method: req.method, url: req.url },
        response: { statusCode: withData.status },
        ...withData.data,
      });
      return;
    }
    const error: Error = isError(rawError)
      ? (rawError as Error)
      : new Error(String(rawError));
    const status = statusOf(error);
    // body-parser marks the errors whose message is meant for the client.
    const exposed = (error as { expose?: unknown }).expose === true;
    if (CALLER_ERRORS.has(error.name) || (exposed && status !== undefined)) {
      const safe = new Error(withoutServerPaths(error.message));
      safe.name = error.name;
      Object.assign(safe, status !== undefined && { statusCode: status });
      delete safe.stack;
      next(safe);
      return;
    }
    const logId = randomBytes(8).toString('hex');
    logger.error(`Request failed (logId=${logId})`, error);
    const internal = new Error(
      `The data-mesh backend failed to answer this request; its log has the details under logId=${logId}`,
    );
    delete internal.stack;
    next(internal);
  };
}
