import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  notificationService,
  NotificationSendOptions,
} from '@backstage/plugin-notifications-node';
import { seedDemoWarehouse } from '@meshwork/data-mesh-node/demo';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const HELLO_WORLD = path.resolve(
  __dirname,
  '../../../../../examples/hello-world',
);

/** Who Hello World alerts: the owner of its datasets, and the platform team. */
export const SALES_TEAM = 'group:default/sales-analytics';
export const PLATFORM_TEAM = 'group:default/platform-team';

/**
 * The tasks of Hello World's DailySummary job, in the order they run; they
 * are snake_case already, so the bundle's job keys them the same.
 */
export const DAILY_SUMMARY_TASKS = [
  'customer_orders',
  'customer_accounts',
  'account_lengths',
  'compute_sales',
];

/**
 * Copies of the Hello World project and of a seeded scale-1 warehouse that
 * a test may change: the warehouse is seeded once per test file, in
 * `beforeAll`, and removed with everything else in `afterAll`.
 */
export function helloWorldWorkspaces(prefix: string) {
  let tmp: string;
  let warehouseTemplate: string;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    warehouseTemplate = path.join(tmp, 'template.duckdb');
    await seedDemoWarehouse({ path: warehouseTemplate, scale: 1 });
  });

  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  return function workspace() {
    const dir = fs.mkdtempSync(path.join(tmp, 'ws-'));
    const project = path.join(dir, 'hello-world');
    fs.cpSync(HELLO_WORLD, project, { recursive: true });
    const warehouse = path.join(dir, 'warehouse.duckdb');
    fs.copyFileSync(warehouseTemplate, warehouse);
    /** Changes a project file; a change that changes nothing is a test bug. */
    const edit = (file: string, change: (text: string) => string) => {
      const full = path.join(project, file);
      const before = fs.readFileSync(full, 'utf8');
      const after = change(before);
      if (after === before) throw new Error(`the edit left ${file} unchanged`);
      fs.writeFileSync(full, after);
    };
    return { project, warehouse, edit };
  };
}

/** A notifications service that keeps what is sent, for assertions. */
export function capturedNotifications() {
  const sent: NotificationSendOptions[] = [];
  const factory = createServiceFactory({
    service: notificationService,
    deps: {},
    factory: () => ({
      send: async (notification: NotificationSendOptions) => {
        sent.push(notification);
      },
    }),
  });
  const to = (entityRef: string) =>
    sent.filter(
      n =>
        n.recipients.type === 'entity' && n.recipients.entityRef === entityRef,
    );
  return { sent, factory, to };
}
