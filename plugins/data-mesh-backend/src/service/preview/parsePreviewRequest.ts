import { InputError } from '@backstage/errors';
import {
  CompilerDiagnostic,
  formatDataPath,
  parseProjectFile,
  PipelineFile,
  tryParseExpression,
} from '@meshwork/data-mesh-common';
import { z } from 'zod';

/** A preview request, its pipeline checked against the file format. */
export interface PreviewRequest {
  readonly project: string;
  /** The pipeline as the editor holds it, saved or not. */
  readonly pipeline: PipelineFile;
  readonly nodeId: string;
  readonly port?: string;
  readonly limit?: number;
}

const requestSchema = z
  .object({
    project: z.string().min(1),
    pipeline: z.record(z.string(), z.unknown()),
    nodeId: z.string().min(1),
    port: z.string().min(1).optional(),
    limit: z.number().int().min(0).optional(),
  })
  .strict();

/** `pipeline.nodes[2].config`: the way the request's JSON is addressed. */
function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  return formatDataPath(path.map(p => (typeof p === 'number' ? p : String(p))));
}

function valueAt(data: unknown, path: ReadonlyArray<string | number>): unknown {
  return path.reduce<unknown>(
    (value, key) =>
      value !== null && typeof value === 'object'
        ? (value as Record<string | number, unknown>)[key]
        : undefined,
    data,
  );
}

/** ` (line 1, column 5)`: where inside an expression the problem is. */
function inExpression(line: number, column: number): string {
  return ` (line ${line}, column ${column})`;
}

/**
 * The pipelines of recent requests that passed the file format's checks,
 * by their JSON. An editor previews one pipeline node after node, and
 * checking it again (YAML, schema, every expression) costs more than the
 * query of a node near the sources. Bounded by the characters it holds.
 */
export class CheckedPipelineCache {
  private readonly pipelines = new Map<string, PipelineFile>();
  private size = 0;

  constructor(private readonly maxChars = 8_000_000) {}

  get(json: string): PipelineFile | undefined {
    const pipeline = this.pipelines.get(json);
    if (pipeline) {
      // Most recently used last, so that eviction takes the oldest.
      this.pipelines.delete(json);
      this.pipelines.set(json, pipeline);
    }
    return pipeline;
  }

  set(json: string, pipeline: PipelineFile): void {
    if (json.length > this.maxChars || this.pipelines.has(json)) return;
    this.pipelines.set(json, pipeline);
    this.size += json.length;
    for (const oldest of this.pipelines.keys()) {
      if (this.size <= this.maxChars) break;
      this.pipelines.delete(oldest);
      this.size -= oldest.length;
    }
  }
}

/**
 * Checks a preview request body: its shape, then its pipeline as the
 * pipeline file format does. Throws an InputError naming the field of
 * every problem (`pipeline.nodes[2].config.condition: …`). With a cache,
 * a pipeline checked before is not checked again; callers must not
 * modify the pipeline they get.
 */
export function parsePreviewRequest(
  body: unknown,
  cache?: CheckedPipelineCache,
): PreviewRequest {
  const parsed = requestSchema.safeParse(body);
  if (!parsed.success) {
    throw new InputError(
      `Invalid preview request: ${parsed.error.issues
        .map(issue => `${fieldPath(issue.path) || 'body'}: ${issue.message}`)
        .join('; ')}`,
    );
  }
  const { pipeline: data, ...rest } = parsed.data;
  const key = cache && JSON.stringify(data);
  const checked = key !== undefined ? cache?.get(key) : undefined;
  if (checked) return { ...rest, pipeline: checked };
  // The file format's own checks, on the JSON written as the YAML it is.
  const result = parseProjectFile(
    'pipeline',
    'preview request',
    JSON.stringify(data, null, 2),
  );
  if (!result.value) {
    const problems = result.diagnostics
      .filter(d => d.severity === 'error')
      .map(d => {
        let where = '';
        if (d.code === 'invalid-expression') {
          // Positions in the re-serialized JSON mean nothing to the
          // caller; the position inside the expression does.
          const path = d.path.match(/[^.[\]"]+/g) ?? [];
          const text = valueAt(
            data,
            path.map(p => (/^\d+$/.test(p) ? Number(p) : p)),
          );
          const parsedText =
            typeof text === 'string' ? tryParseExpression(text) : undefined;
          if (parsedText && !parsedText.ok) {
            where = inExpression(
              parsedText.error.line,
              parsedText.error.column,
            );
          }
        }
        return `pipeline${d.path ? `.${d.path}` : ''}: ${d.message}${where}`;
      });
    throw new InputError(`Invalid pipeline: ${problems.join('; ')}`);
  }
  if (key !== undefined) cache?.set(key, result.value);
  return { ...rest, pipeline: result.value };
}

/**
 * An InputError listing the errors of compiling a preview, each at its
 * field of the request (`pipeline.nodes[2].config.condition: …`, `nodeId: …`).
 */
export function previewCompileError(
  diagnostics: readonly CompilerDiagnostic[],
): InputError {
  const problems = diagnostics
    .filter(d => d.severity === 'error')
    .map(d => {
      const inPipeline = d.path[0] === 'nodes' || d.path[0] === 'edges';
      const field = `${inPipeline ? 'pipeline.' : ''}${formatDataPath(d.path)}`;
      const where = d.expression
        ? inExpression(d.expression.line, d.expression.column)
        : '';
      return `${field || 'pipeline'}: ${d.message}${where}`;
    });
  return new InputError(`The preview does not compile: ${problems.join('; ')}`);
}
