import { PipelineFile, serializeProjectFile } from '@meshwork/data-mesh-common';
import { parse } from 'yaml';
import type { GemFormNode } from './gemForm/GemForm';

type PipelineData = Record<string, unknown> & { nodes?: unknown };

/**
 * The pipeline file's data whether or not it is valid, for the gem forms:
 * a form being filled in passes through states the format refuses (an
 * expression half typed), and must keep editing them. Undefined when the
 * text is not a YAML mapping.
 */
export function readPipelineData(text: string): PipelineData | undefined {
  try {
    const data = parse(text, { version: '1.2' });
    return data && typeof data === 'object' && !Array.isArray(data)
      ? (data as PipelineData)
      : undefined;
  } catch {
    return undefined;
  }
}

/** A node of the data by id, with its index in the file's list of nodes. */
export function findFormNode(
  data: PipelineData | undefined,
  nodeId: string,
): { node: GemFormNode; index: number } | undefined {
  if (!Array.isArray(data?.nodes)) return undefined;
  const index = data.nodes.findIndex(
    node => node !== null && typeof node === 'object' && node.id === nodeId,
  );
  const node = data.nodes[index];
  return index >= 0 && typeof node.type === 'string'
    ? { node, index }
    : undefined;
}

/**
 * The file with one node's label and config replaced, written the way
 * Meshwork writes pipeline files; undefined when the text is not a
 * pipeline the change can apply to.
 */
export function withNodeEdited(
  text: string,
  nodeId: string,
  edit: { label?: string; config: unknown },
): string | undefined {
  const data = readPipelineData(text);
  if (!data || !Array.isArray(data.nodes)) return undefined;
  let found = false;
  const nodes = data.nodes.map(node => {
    if (node?.id !== nodeId) return node;
    found = true;
    const { label: _label, config: _config, ...rest } = node;
    return {
      ...rest,
      ...(edit.label !== undefined && { label: edit.label }),
      config: edit.config,
    };
  });
  if (!found) return undefined;
  try {
    return serializeProjectFile('pipeline', {
      ...data,
      nodes,
    } as unknown as PipelineFile);
  } catch {
    return undefined;
  }
}
