import { JsonObject } from '@backstage/types';
import { ActionContext } from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';

/**
 * A mock context for any input, including input the action's types rule
 * out: the scaffolder hands actions whatever a template renders.
 */
export function actionContext(
  input: unknown,
  options: Partial<ActionContext<JsonObject>> = {},
): ActionContext<any, any> {
  return createMockActionContext({ ...options, input: input as JsonObject });
}
