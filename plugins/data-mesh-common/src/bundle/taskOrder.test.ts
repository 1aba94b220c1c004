import { orderTasks } from './taskOrder';

const task = (key: string, ...dependsOn: string[]) => ({ key, dependsOn });
const keys = (tasks: Array<{ key: string }>) => tasks.map(t => t.key);

describe('orderTasks', () => {
  it('keeps the input order where dependencies allow', () => {
    const { ordered, cycle } = orderTasks([task('a'), task('b'), task('c')]);
    expect(keys(ordered)).toEqual(['a', 'b', 'c']);
    expect(cycle).toBeUndefined();
  });

  it('moves tasks after their dependencies', () => {
    const { ordered } = orderTasks([
      task('report', 'sales', 'customers'),
      task('sales', 'raw'),
      task('raw'),
      task('customers', 'raw'),
    ]);
    expect(keys(ordered)).toEqual(['raw', 'sales', 'customers', 'report']);
  });

  it('ignores unknown dependencies', () => {
    expect(keys(orderTasks([task('a', 'ghost'), task('b')]).ordered)).toEqual([
      'a',
      'b',
    ]);
  });

  it('names a cycle and still returns every task', () => {
    const { ordered, cycle } = orderTasks([
      task('start'),
      task('a', 'c'),
      task('b', 'a'),
      task('c', 'b'),
      task('after', 'c'),
    ]);
    expect(cycle).toEqual(['a', 'c', 'b', 'a']);
    expect(keys(ordered)).toEqual(['start', 'a', 'b', 'c', 'after']);
  });

  it('names a task that depends on itself', () => {
    expect(orderTasks([task('a', 'a')]).cycle).toEqual(['a', 'a']);
  });

  it('finds the cycle behind a task that only depends on one', () => {
    expect(
      orderTasks([task('tail', 'x'), task('x', 'y'), task('y', 'x')]).cycle,
    ).toEqual(['x', 'y', 'x']);
  });
});
