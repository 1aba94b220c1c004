export { ChartFigure, FALLBACK_CHART_WIDTH } from './ChartFigure';
export type { ChartSize } from './ChartFigure';
export { HatchPattern } from './HatchPattern';
export { formatDateTime, formatDay, formatDbus } from './formatTime';
export { dayTicks } from './dayTicks';
export { cellText } from './cellText';
