import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import type { GemType } from '@meshwork/data-mesh-common';
import type { DragEvent } from 'react';
import type { DraftProjectNames } from './draftCheck';
import { GEM_STARTERS, GemPreset, PaletteGroup } from './pipelineEdits';

/** What a palette entry carries when dragged onto the canvas. */
export interface PaletteGem {
  readonly type: GemType;
  readonly preset?: GemPreset;
}

/** The drag data type of a palette entry. */
export const PALETTE_DRAG_TYPE = 'application/x-meshwork-gem';

const GROUPS: readonly PaletteGroup[] = [
  'Sources and targets',
  'Transform',
  'Join and split',
  'Custom',
];

/** The palette entry a drop carries, if it is one. */
export function droppedGem(event: DragEvent): PaletteGem | undefined {
  const data = event.dataTransfer.getData(PALETTE_DRAG_TYPE);
  if (!data) return undefined;
  try {
    const gem = JSON.parse(data) as PaletteGem;
    return GEM_STARTERS.some(s => s.type === gem.type) ? gem : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The project's shared subgraphs and business rules, the platform team's
 * standards, as gems ready to use.
 */
export function standardGems(names: DraftProjectNames): Array<{
  name: string;
  gem: PaletteGem;
}> {
  return [
    ...names.subgraphs.map(subgraph => ({
      name: subgraph,
      gem: {
        type: 'Subgraph' as GemType,
        preset: { label: subgraph, config: { subgraph } },
      },
    })),
    ...[...names.rules].map(([rule, inputs]) => ({
      name: rule,
      gem: {
        type: 'BusinessRule' as GemType,
        preset: {
          label: rule,
          config: {
            rule,
            outputColumn: 'result',
            bindings: Object.fromEntries(inputs.map(i => [i, i])),
          },
        },
      },
    })),
  ];
}

const PaletteChip = (props: {
  name: string;
  gem: PaletteGem;
  onAdd: (gem: PaletteGem) => void;
}) => (
  <Chip
    size="small"
    variant="outlined"
    label={props.name}
    aria-label={`Add ${props.name}`}
    draggable
    onDragStart={event => {
      event.dataTransfer.setData(PALETTE_DRAG_TYPE, JSON.stringify(props.gem));
      event.dataTransfer.effectAllowed = 'copy';
    }}
    onClick={() => props.onAdd(props.gem)}
  />
);

/**
 * The gems by group, to drag onto the canvas (or click to add beside the
 * pipeline), with the project's standards last.
 */
export const GemPalette = (props: {
  names: DraftProjectNames;
  onAdd: (gem: PaletteGem) => void;
}) => {
  const standards = standardGems(props.names);
  const row = (title: string, chips: JSX.Element[]) => (
    <Box
      key={title}
      display="flex"
      alignItems="center"
      flexWrap="wrap"
      style={{ gap: 4 }}
      role="group"
      aria-label={title}
    >
      <Typography variant="caption" color="textSecondary">
        {title}:
      </Typography>
      {chips}
    </Box>
  );
  return (
    <Box px={1} pb={1} aria-label="Gem palette" role="toolbar">
      {GROUPS.map(group =>
        row(
          group,
          GEM_STARTERS.filter(s => s.group === group).map(s => (
            <PaletteChip
              key={s.type}
              name={s.label}
              gem={{ type: s.type }}
              onAdd={props.onAdd}
            />
          )),
        ),
      )}
      {standards.length > 0 &&
        row(
          'Platform standards',
          standards.map(s => (
            <PaletteChip
              key={`${s.gem.type}:${s.name}`}
              name={s.name}
              gem={s.gem}
              onAdd={props.onAdd}
            />
          )),
        )}
    </Box>
  );
};
