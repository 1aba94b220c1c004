import { dataMeshPlugin } from './plugin';

describe('data-mesh', () => {
  it('should export plugin', () => {
    expect(dataMeshPlugin).toBeDefined();
  });
});
