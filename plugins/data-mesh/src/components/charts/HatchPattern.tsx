/**
 * Diagonal stripes for figures that are still estimates, so "estimated"
 * reads from the shape of a bar and not from its colour alone. Place inside
 * the chart's SVG (recharts passes `<defs>` through) and fill with
 * `url(#<id>)`.
 */
export const HatchPattern = (props: { id: string; color: string }) => (
  <defs>
    <pattern
      id={props.id}
      width={8}
      height={8}
      patternUnits="userSpaceOnUse"
      patternTransform="rotate(45)"
    >
      <rect width={8} height={8} fill={props.color} fillOpacity={0.25} />
      <line x1={0} y1={0} x2={0} y2={8} stroke={props.color} strokeWidth={4} />
    </pattern>
  </defs>
);
