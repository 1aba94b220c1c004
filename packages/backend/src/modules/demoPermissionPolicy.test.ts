import { ConfigReader } from '@backstage/config';
import {
  AuthorizeResult,
  createPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  dataProjectEditPermission,
  dataProjectReadPermission,
  dataProjectRunPermission,
} from '@meshwork/data-mesh-common';
import { isDataProjectOwner } from '@meshwork/data-mesh-node';
import { DemoPermissionPolicy } from './demoPermissionPolicy';

const user = (ref: string, groups: string[]): PolicyQueryUser =>
  ({
    identity: {
      type: 'user',
      userEntityRef: ref,
      ownershipEntityRefs: [ref, ...groups],
    },
    info: { userEntityRef: ref, ownershipEntityRefs: [ref, ...groups] },
    token: 'token',
    credentials: {} as PolicyQueryUser['credentials'],
  }) as PolicyQueryUser;

const fiona = user('user:default/fiona', ['group:default/finance-insights']);
const sam = user('user:default/sam', ['group:default/sales-analytics']);
const priya = user('user:default/priya', ['group:default/platform-team']);

/** The decision for Hello World, owned by sales-analytics, as the framework would apply it. */
function onHelloWorld(decision: PolicyDecision): boolean {
  if (decision.result !== AuthorizeResult.CONDITIONAL) {
    return decision.result === AuthorizeResult.ALLOW;
  }
  const condition = decision.conditions as unknown as {
    rule: string;
    params: { claims: string[] };
  };
  expect(condition.rule).toBe(isDataProjectOwner.name);
  return isDataProjectOwner.apply(
    { name: 'hello-world', owners: ['group:default/sales-analytics'] },
    condition.params,
  );
}

describe('DemoPermissionPolicy', () => {
  const policy = DemoPermissionPolicy.fromConfig(new ConfigReader({}));

  it.each([
    ['read', dataProjectReadPermission, [true, true, true]],
    ['run', dataProjectRunPermission, [false, true, true]],
    ['edit', dataProjectEditPermission, [false, true, true]],
  ] as const)(
    'lets %s a data project: consumer, owning team, platform team',
    async (_, permission, expected) => {
      const decisions = await Promise.all(
        [fiona, sam, priya].map(async u =>
          onHelloWorld(await policy.handle({ permission }, u)),
        ),
      );
      expect(decisions).toEqual(expected);
    },
  );

  it('names the platform team in config', async () => {
    const custom = DemoPermissionPolicy.fromConfig(
      new ConfigReader({
        dataMesh: { permissions: { platformTeam: 'group:default/ops' } },
      }),
    );
    const decision = await custom.handle(
      { permission: dataProjectRunPermission },
      priya,
    );
    expect(onHelloWorld(decision)).toBe(false);
  });

  it('leaves permissions of other plugins allowed', async () => {
    const other = createPermission({
      name: 'catalog.entity.read',
      attributes: { action: 'read' },
    });
    await expect(policy.handle({ permission: other }, fiona)).resolves.toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });
});
