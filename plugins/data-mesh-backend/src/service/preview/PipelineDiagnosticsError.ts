import { InputError } from '@backstage/errors';
import { formatDataPath, PipelineDiagnostic } from '@meshwork/data-mesh-common';

/** How many problems the message spells out; the rest are in `diagnostics`. */
const PROBLEMS_IN_MESSAGE = 5;

/**
 * A pipeline sent for preview that does not check: a 400 like any
 * InputError, whose body also carries every diagnostic as data
 * (`diagnostics`, warnings included) so that an editor can show each at
 * its place. `sanitizeErrors` writes that body.
 */
export class PipelineDiagnosticsError extends InputError {
  readonly diagnostics: readonly PipelineDiagnostic[];

  /**
   * @param summary - what failed (`The preview does not compile`)
   * @param diagnostics - every problem found, errors first in the message
   * @param isRequestField - whether a diagnostic is at a field of the
   *   request (`nodeId`) rather than of its pipeline
   */
  constructor(
    summary: string,
    diagnostics: readonly PipelineDiagnostic[],
    isRequestField: (diagnostic: PipelineDiagnostic) => boolean = () => false,
  ) {
    const errors = diagnostics.filter(d => d.severity === 'error');
    const shown = errors.slice(0, PROBLEMS_IN_MESSAGE).map(d => {
      const field = isRequestField(d)
        ? d.field
        : formatDataPath(['pipeline', ...d.path]);
      const where = d.expression
        ? ` (line ${d.expression.line}, column ${d.expression.column})`
        : '';
      return `${field}: ${d.message}${where}`;
    });
    const more = errors.length - shown.length;
    super(
      `${summary}: ${shown.join('; ')}${
        more > 0 ? `; and ${more} more (see diagnostics)` : ''
      }`,
    );
    this.diagnostics = diagnostics;
  }
}
