import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import ListSubheader from '@material-ui/core/ListSubheader';
import Menu from '@material-ui/core/Menu';
import MenuItem from '@material-ui/core/MenuItem';
import Tooltip from '@material-ui/core/Tooltip';
import type { GemType } from '@meshwork/data-mesh-common';
import { Fragment, useState } from 'react';
import { GEM_STARTERS, PaletteGroup } from './pipelineEdits';

const GROUPS: readonly PaletteGroup[] = [
  'Sources and targets',
  'Transform',
  'Join and split',
  'Custom',
];

export interface CanvasActions {
  onAdd(type: GemType): void;
  onUndo(): void;
  onRedo(): void;
  onDelete(): void;
  onCopy(): void;
  onPaste(): void;
  onLayout(): void;
}

/**
 * The canvas's commands: the palette of gems (added on the selected edge,
 * or beside the pipeline), undo and redo, delete, copy and paste, and an
 * automatic layout. Keyboard: Delete, Ctrl+Z, Ctrl+Shift+Z, Ctrl+C, Ctrl+V.
 */
export const CanvasToolbar = (props: {
  actions: CanvasActions;
  canUndo: boolean;
  canRedo: boolean;
  hasSelection: boolean;
  canPaste: boolean;
  onEdge: boolean;
}) => {
  const { actions } = props;
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const add = (type: GemType) => {
    setAnchor(null);
    actions.onAdd(type);
  };
  return (
    <Box display="flex" flexWrap="wrap" p={1} style={{ gap: 4 }}>
      <Tooltip
        title={
          props.onEdge
            ? 'Insert a gem on the selected edge'
            : 'Add a gem beside the pipeline'
        }
      >
        <Button
          size="small"
          variant="outlined"
          color="primary"
          aria-haspopup="menu"
          onClick={event => setAnchor(event.currentTarget)}
        >
          {props.onEdge ? 'Insert gem' : 'Add gem'}
        </Button>
      </Tooltip>
      <Menu
        anchorEl={anchor}
        open={anchor !== null}
        onClose={() => setAnchor(null)}
        keepMounted={false}
      >
        {GROUPS.map(group => (
          <Fragment key={group}>
            <ListSubheader>{group}</ListSubheader>
            {GEM_STARTERS.filter(gem => gem.group === group).map(gem => (
              <MenuItem key={gem.type} onClick={() => add(gem.type)}>
                {gem.label}
              </MenuItem>
            ))}
          </Fragment>
        ))}
      </Menu>
      <Button size="small" disabled={!props.canUndo} onClick={actions.onUndo}>
        Undo
      </Button>
      <Button size="small" disabled={!props.canRedo} onClick={actions.onRedo}>
        Redo
      </Button>
      <Button
        size="small"
        disabled={!props.hasSelection}
        onClick={actions.onDelete}
      >
        Delete
      </Button>
      <Button
        size="small"
        disabled={!props.hasSelection || props.onEdge}
        onClick={actions.onCopy}
      >
        Copy
      </Button>
      <Button size="small" disabled={!props.canPaste} onClick={actions.onPaste}>
        Paste
      </Button>
      <Button size="small" onClick={actions.onLayout}>
        Auto layout
      </Button>
    </Box>
  );
};

/** The toolbar's shortcuts, for a key pressed on the canvas. */
export function canvasShortcut(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey'>,
): Exclude<keyof CanvasActions, 'onAdd'> | undefined {
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key.toLowerCase();
  if (event.key === 'Delete' || event.key === 'Backspace') return 'onDelete';
  if (!mod) return undefined;
  if (key === 'z') return event.shiftKey ? 'onRedo' : 'onUndo';
  if (key === 'y') return 'onRedo';
  if (key === 'c') return 'onCopy';
  if (key === 'v') return 'onPaste';
  return undefined;
}
