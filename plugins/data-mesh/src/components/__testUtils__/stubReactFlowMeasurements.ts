/**
 * React Flow measures its canvas and nodes; jsdom has neither API. Call in
 * a test file's `beforeAll`.
 */
export function stubReactFlowMeasurements() {
  class ResizeObserver {
    observe() {}
    unobserve() {}
    disconnect() {}
  }
  class DOMMatrixReadOnly {
    m22: number;
    constructor(transform?: string) {
      const scale = transform?.match(/scale\(([0-9.]+)\)/)?.[1];
      this.m22 = scale !== undefined ? Number(scale) : 1;
    }
  }
  Object.assign(globalThis, { ResizeObserver, DOMMatrixReadOnly });
}
