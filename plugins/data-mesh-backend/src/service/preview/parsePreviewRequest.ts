import { InputError } from '@backstage/errors';
import {
  checkPipelineData,
  CompilerDiagnostic,
  formatDataPath,
  pipelineDiagnostic,
  PipelineDiagnostic,
  PipelineFile,
} from '@meshwork/data-mesh-common';
import { z } from 'zod';
import { PipelineDiagnosticsError } from './PipelineDiagnosticsError';

/** A preview request, its pipeline checked against the file format. */
export interface PreviewRequest {
  readonly project: string;
  /** The pipeline as the editor holds it, saved or not. */
  readonly pipeline: PipelineFile;
  /**
   * What the file format says of the pipeline short of errors (warnings,
   * migrations), reported with the compiler's errors if it does not compile.
   */
  readonly diagnostics?: readonly PipelineDiagnostic[];
  readonly nodeId: string;
  readonly port?: string;
  readonly limit?: number;
  /** Values of the pipeline's parameters; the others take their defaults. */
  readonly parameters?: Readonly<Record<string, string>>;
}

const requestSchema = z
  .object({
    project: z.string().min(1),
    pipeline: z.record(z.string(), z.unknown()),
    nodeId: z.string().min(1),
    port: z.string().min(1).optional(),
    limit: z.number().int().min(0).optional(),
    parameters: z.record(z.string(), z.string()).optional(),
  })
  .strict();

/** `pipeline.nodes[2].config`: the way the request's JSON is addressed. */
function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  return formatDataPath(path.map(p => (typeof p === 'number' ? p : String(p))));
}

/** A pipeline that passed the file format's checks, with its warnings. */
type CheckedPipelineData = Required<
  Pick<PreviewRequest, 'pipeline' | 'diagnostics'>
>;

/**
 * The pipelines of recent requests that passed the file format's checks,
 * by their JSON. An editor previews one pipeline node after node, and
 * checking it again (YAML, schema, every expression) costs more than the
 * query of a node near the sources. Bounded by the characters it holds.
 */
export class CheckedPipelineCache {
  private readonly pipelines = new Map<string, CheckedPipelineData>();
  private size = 0;

  constructor(private readonly maxChars = 8_000_000) {}

  get(json: string): CheckedPipelineData | undefined {
    const pipeline = this.pipelines.get(json);
    if (pipeline) {
      // Most recently used last, so that eviction takes the oldest.
      this.pipelines.delete(json);
      this.pipelines.set(json, pipeline);
    }
    return pipeline;
  }

  set(json: string, pipeline: CheckedPipelineData): void {
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
  const cached = key !== undefined ? cache?.get(key) : undefined;
  if (cached) return { ...rest, ...cached };
  // The file format's own checks, as parsing the pipeline's file makes them.
  const { pipeline, diagnostics } = checkPipelineData(data);
  if (!pipeline) {
    throw new PipelineDiagnosticsError('Invalid pipeline', diagnostics);
  }
  if (key !== undefined) cache?.set(key, { pipeline, diagnostics });
  return { ...rest, pipeline, diagnostics };
}

/** A problem of compiling a preview at a field of the request, not of its pipeline. */
function isRequestField(diagnostic: PipelineDiagnostic): boolean {
  const [first] = diagnostic.path;
  return first === 'nodeId' || first === 'port' || first === 'limit';
}

/**
 * The error of a preview that does not compile: every problem, the file
 * format's warnings on the request's pipeline included, each with the
 * message `meshwork validate` prints, at its field of the pipeline
 * (`nodes[2].config.condition`) or of the request (`nodeId`).
 */
export function previewCompileError(
  diagnostics: readonly CompilerDiagnostic[],
  request: Pick<PreviewRequest, 'diagnostics'>,
): PipelineDiagnosticsError {
  return new PipelineDiagnosticsError(
    'The preview does not compile',
    [...(request.diagnostics ?? []), ...diagnostics.map(pipelineDiagnostic)],
    isRequestField,
  );
}
