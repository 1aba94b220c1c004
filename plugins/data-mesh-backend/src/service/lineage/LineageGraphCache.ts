import { LineageGraph } from '@meshwork/data-mesh-common';
import type {
  CompiledProject,
  CompiledProjects,
} from '../projects/compiledProjects';

/**
 * The lineage graph of every data project, built once and kept while no
 * project changes: a project's manifest object is its version, so the
 * graph is rebuilt when a project is added, removed or edited, and never
 * otherwise.
 */
export class LineageGraphCache {
  private last?: {
    readonly versions: ReadonlyMap<string, CompiledProject>;
    readonly graph: LineageGraph;
  };

  constructor(private readonly projects: CompiledProjects) {}

  /** The graph of the projects as they are now. */
  async graph(): Promise<LineageGraph> {
    const projects = await this.projects.list();
    const last = this.last;
    if (last && sameVersions(last.versions, projects)) return last.graph;
    const graph = LineageGraph.build(projects);
    this.last = {
      versions: new Map(projects.map(p => [p.name, p])),
      graph,
    };
    return graph;
  }
}

function sameVersions(
  versions: ReadonlyMap<string, CompiledProject>,
  projects: readonly CompiledProject[],
): boolean {
  return (
    versions.size === projects.length &&
    projects.every(p => {
      const known = versions.get(p.name);
      return known?.manifest === p.manifest && known.namespace === p.namespace;
    })
  );
}
