import { Infer, s } from './builder';
import {
  fileName,
  formatVersion,
  identifier,
  IDENTIFIER,
  text,
} from './common';

/**
 * A Quartz cron expression, as Databricks schedules use: seconds, minutes,
 * hours, day of month, month, day of week and an optional year.
 */
export const quartzCron = () =>
  s.string({
    pattern: /^\S+(\s+\S+){5,6}$/,
    patternName:
      'a Quartz cron expression (6 or 7 fields: sec min hour day month weekday [year])',
  });

/** `jobs/<name>.job.yaml`: pipelines run in dependency order on a schedule. */
export const jobFileSchema = s.object({
  formatVersion: formatVersion(),
  name: fileName(),
  description: s.optional(s.string()),
  tasks: s.array(
    s.object({
      key: identifier(),
      pipeline: fileName(),
      dependsOn: s.optional(s.array(identifier())),
      parameters: s.optional(
        s
          .record(s.scalar(), IDENTIFIER)
          .describe(
            "Values of the pipeline's parameters: a literal of the parameter's type, or {{job.parameters.<name>}} for a parameter of the job.",
          ),
      ),
    }),
    { minItems: 1 },
  ),
  parameters: s.optional(
    s
      .array(
        s.object({
          name: identifier(),
          default: s.scalar(),
          description: s.optional(s.string()),
        }),
      )
      .describe(
        'Job parameters: set when a run starts (Databricks run-now, meshwork run --param), else their default; tasks read them as {{job.parameters.<name>}}.',
      ),
  ),
  schedule: s.optional(
    s.object({
      cron: quartzCron(),
      timezone: text().describe('An IANA time zone, e.g. Europe/Paris.'),
      paused: s.optional(s.boolean()),
    }),
  ),
  alerts: s.optional(
    s.object({
      onFailure: s.optional(s.array(text())),
      onQualityBreach: s.optional(s.array(text())),
    }),
  ),
  retries: s.optional(s.integer({ minimum: 0 })),
  timeoutSeconds: s.optional(s.integer({ minimum: 0 })),
  tags: s.optional(s.record(s.string(), IDENTIFIER)),
});

/**
 * The content of a job file.
 *
 * @public
 */
export type JobFile = Infer<typeof jobFileSchema>;
