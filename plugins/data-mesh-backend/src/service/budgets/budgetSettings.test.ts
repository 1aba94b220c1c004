import { ConfigReader } from '@backstage/config';
import { readBudgetSettings } from './budgetSettings';

const read = (budgets: unknown) =>
  readBudgetSettings(new ConfigReader({ dataMesh: { budgets } } as any));

describe('readBudgetSettings', () => {
  it('reads team and project budgets, normalizing team refs', () => {
    expect(
      read({
        teams: [
          { team: 'sales-analytics', monthlyDbus: 500 },
          { team: 'group:finance/insights', monthlyDbus: 20.5 },
        ],
        projects: [{ project: 'hello-world', monthlyDbus: 300 }],
        checkMinutes: 5,
      }),
    ).toEqual({
      budgets: [
        {
          scope: 'team',
          name: 'group:default/sales-analytics',
          monthlyDbus: 500,
        },
        { scope: 'team', name: 'group:finance/insights', monthlyDbus: 20.5 },
        { scope: 'project', name: 'hello-world', monthlyDbus: 300 },
      ],
      checkMinutes: 5,
    });
  });

  it('has no budgets and checks every 15 minutes by default', () => {
    expect(readBudgetSettings(new ConfigReader({}))).toEqual({
      budgets: [],
      checkMinutes: 15,
    });
  });

  it.each([
    [
      { teams: [{ team: 'sales-analytics', monthlyDbus: 0 }] },
      'dataMesh.budgets.teams[0].monthlyDbus must be a positive number of DBUs, got 0',
    ],
    [
      { projects: [{ project: 'hello-world', monthlyDbus: '300' }] },
      'dataMesh.budgets.projects[0].monthlyDbus must be a positive number of DBUs, got "300"',
    ],
    [
      { projects: [{ monthlyDbus: 300 }] },
      'dataMesh.budgets.projects[0].project must name the project the budget is for',
    ],
    [
      {
        teams: [
          { team: 'group:default/sales-analytics', monthlyDbus: 1 },
          { team: 'sales-analytics', monthlyDbus: 2 },
        ],
      },
      "dataMesh.budgets.teams[1].team: team 'group:default/sales-analytics' already has a budget at dataMesh.budgets.teams[0]",
    ],
    [
      { checkMinutes: 0 },
      'dataMesh.budgets.checkMinutes must be a positive number, got 0',
    ],
  ])('refuses %j naming the key', (budgets, message) => {
    expect(() => read(budgets)).toThrow(message);
  });
});
