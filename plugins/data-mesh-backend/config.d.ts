export interface Config {
  /** Configuration of the Meshwork data-mesh plugin. */
  dataMesh?: {
    /** Warehouse engines; each engine module documents its own keys. */
    engines?: {};
    /** The platform standards library that projects pin in `meshwork.yaml`. */
    standards?: {
      /**
       * The folder holding one folder per standards version
       * (`<root>/2026.1/standards.yaml`, `rules/`, `subgraphs/`); relative
       * paths are from the backend's working directory. Default: the
       * repository's `templates/standards`, when the backend runs from a
       * checkout of it.
       */
      root?: string;
    };
    /**
     * The data projects the backend previews and runs come from the catalog:
     * Components of `spec.type: data-project` whose
     * `meshwork.io/project-repo` annotation says where the project's files
     * are (`dir:<path>` relative to the catalog file, or `url:<url>`).
     */
    projects?: {
      /**
       * How long the list of data projects read from the catalog is kept,
       * in seconds. A name the list lacks is looked up again at once (at
       * most every few seconds), so a newly registered project works
       * without waiting. Default 60.
       */
      refreshSeconds?: number;
      /**
       * How long the files of a project in a repository (`url:`) are reused
       * before the SCM is asked again whether they changed, in seconds.
       * Local folders are checked on every read. Default 10; 0 asks every
       * time.
       */
      recheckSeconds?: number;
    };
    /**
     * The job runner, which runs the projects' jobs through a job executor
     * and records what they did.
     */
    runner?: {
      /**
       * Whether the backend schedules jobs from their files and accepts
       * "run now" requests. Default true.
       */
      enabled?: boolean;
      /**
       * The id of the warehouse engine jobs run on. Default `duckdb`. With
       * an `executor`, the engine that checks what remote runs wrote.
       */
      engine?: string;
      /**
       * The id of a job executor (e.g. `databricks`, from the Databricks
       * module's `jobs` section) that runs whole jobs remotely. Default none:
       * the backend runs each pipeline of a job on `engine` itself.
       */
      executor?: string;
      /**
       * How often billed usage of remote runs is looked for, to replace
       * their cost estimates. Default 60.
       */
      billingCheckMinutes?: number;
      /**
       * DBUs per hour of run time, to estimate the cost of runs on an engine
       * that reports no billing. Default 1.
       */
      dbuPerHour?: number;
      /**
       * The longest a job may run, for jobs whose file sets no
       * `timeoutSeconds`. Default 60.
       */
      timeoutMinutes?: number;
      /**
       * This backend instance, recorded on the runs it executes (at most 64
       * characters). Default: the host name and a random id, new for every
       * process. A stable id per replica (e.g. a StatefulSet's pod name)
       * lets a restarted replica fail its interrupted runs at once rather
       * than after `heartbeatTimeoutSeconds`.
       */
      instanceId?: string;
      /**
       * How often, in seconds, the instance executing a run refreshes the
       * run's heartbeat. Default 15.
       */
      heartbeatSeconds?: number;
      /**
       * How old, in seconds, a queued or running run's heartbeat may get
       * before the run is failed: the instance executing it stopped. Longer
       * than `heartbeatSeconds`. Default 120.
       */
      heartbeatTimeoutSeconds?: number;
    };
    /** The preview API: the data after any step of a pipeline. */
    preview?: {
      /** The most rows a preview returns. Default 100, at most 1000. */
      maxRows?: number;
      /** How long a preview query may run. Default 30. */
      timeoutSeconds?: number;
      /** Previews running at once, per user (default 2) and in all (default 8). */
      concurrency?: { perUser?: number; total?: number };
      /** The engine previews run on. Default: the first registered one. */
      engine?: string;
    };
    /** Alerts sent through the Backstage notifications service. */
    alerts?: {
      /**
       * The group told about runs that fail.
       * Default `group:default/platform-team`.
       */
      platformTeam?: string;
      /**
       * How often datasets are checked against their freshness SLA.
       * Default 15.
       */
      freshnessCheckMinutes?: number;
    };
    /**
     * Monthly DBU budgets set by the platform team. The owning team and the
     * platform team are notified once per month when usage (billed where
     * known, else estimated) crosses 80 % and 100 % of a budget.
     */
    budgets?: {
      /** Budgets of teams: every project charged to the team counts. */
      teams?: Array<{
        /** The team's group entity ref, e.g. `group:default/sales-analytics`. */
        team: string;
        /** DBUs per calendar month (UTC). */
        monthlyDbus: number;
      }>;
      /** Budgets of single data projects. */
      projects?: Array<{
        /** The data project's name, e.g. `hello-world`. */
        project: string;
        /** DBUs per calendar month (UTC). */
        monthlyDbus: number;
      }>;
      /** How often usage is held against the budgets, in minutes. Default 15. */
      checkMinutes?: number;
    };
    /** The demo portal's synthetic past. */
    demo?: {
      /**
       * A synthetic history of the data projects' jobs, written at start
       * into a facts store that holds no run at all, so that the charts and
       * dashboards have something to show on a fresh demo portal.
       */
      runHistory?: {
        /**
         * Days of history, ending yesterday: one scheduled run of every job
         * per day, marked as requested by `meshwork-demo-history`. Default
         * none; 0 turns off a history set by a config layered below.
         */
        days?: number;
      };
    };
    /** Subscriptions to data products: who approves access. */
    subscriptions?: {
      /**
       * `owner` (the default): each product's owning team approves, denies
       * and revokes access to it. `central`: the central team does, for
       * every product.
       */
      approvers?: 'owner' | 'central';
      /**
       * The group that approves where `approvers` is `central`. Default
       * `dataMesh.permissions.platformTeam`, else
       * `group:default/platform-team`.
       */
      centralTeam?: string;
      /**
       * How many days before an approved subscription expires its
       * requester is notified, once. Default 3.
       */
      expiryWarningDays?: number;
    };
    /** What the permission policy of the demo portal reads. */
    permissions?: {
      /**
       * The group whose members may run and edit every data project, in
       * addition to each project's owning team.
       * Default `group:default/platform-team`.
       */
      platformTeam?: string;
    };
  };
}
