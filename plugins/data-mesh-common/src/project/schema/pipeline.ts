import { Infer, s } from './builder';
import { fileName, formatVersion, parameterDeclaration } from './common';
import { graphShape } from './graph';

/** `pipelines/<name>.pipeline.yaml`: a graph of gems. */
export const pipelineFileSchema = s.object({
  formatVersion: formatVersion(),
  name: fileName(),
  description: s.optional(s.string()),
  parameters: s.optional(s.array(parameterDeclaration())),
  ...graphShape,
});

/**
 * The content of a pipeline file.
 *
 * @public
 */
export type PipelineFile = Infer<typeof pipelineFileSchema>;
