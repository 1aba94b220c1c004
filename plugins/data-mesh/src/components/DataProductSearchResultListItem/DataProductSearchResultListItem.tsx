import { parseEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type {
  ResultHighlight,
  SearchDocument,
} from '@backstage/plugin-search-common';
import { HighlightedSearchResultText } from '@backstage/plugin-search-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ReactNode } from 'react';
import { PiiBadge } from '../DataProductEntity/PiiBadge';

/** The search document type the data-mesh collator writes DataProducts as. */
export const DATA_PRODUCT_RESULT_TYPE = 'data-product';

/**
 * The fields of a DataProduct's search document that the item shows, as
 * `search-backend-module-data-mesh` writes them (every field present, null
 * when unknown).
 */
export interface DataProductSearchDocument extends SearchDocument {
  owner?: string;
  domain?: string | null;
  layer?: string;
  freshnessStatus?: 'fresh' | 'stale' | 'unknown';
  freshnessSlaHours?: number | null;
  qualityScore?: number | null;
  containsPii?: boolean;
}

/** @public */
export interface DataProductSearchResultListItemProps {
  result?: SearchDocument;
  highlight?: ResultHighlight;
  rank?: number;
  icon?: ReactNode;
}

const useStyles = makeStyles(theme => ({
  facts: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginTop: theme.spacing(1),
  },
  stale: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
  fresh: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.success.contrastText,
  },
}));

function freshnessLabel(document: DataProductSearchDocument): string {
  const sla =
    typeof document.freshnessSlaHours === 'number'
      ? ` (SLA ${document.freshnessSlaHours} h)`
      : '';
  switch (document.freshnessStatus) {
    case 'fresh':
      return `Fresh${sla}`;
    case 'stale':
      return `Stale${sla}`;
    default:
      return `Freshness unknown${sla}`;
  }
}

function qualityLabel(score: number | null | undefined): string {
  return typeof score === 'number'
    ? `Quality ${Math.round(score * 100)}% passing`
    : 'Quality not measured yet';
}

/** An owner ref the entity wrote; a malformed one is shown as text. */
function Owner(props: { owner?: string }) {
  if (!props.owner) return <>no owner</>;
  try {
    const ref = parseEntityRef(props.owner, { defaultKind: 'group' });
    return <EntityRefLink entityRef={ref} defaultKind="group" />;
  } catch {
    return <>{props.owner}</>;
  }
}

/**
 * A DataProduct in the search results: its title linking to the entity
 * page, what it holds, and what a consumer weighs before using it (layer,
 * owner, freshness, quality, personal data).
 * @public
 */
export const DataProductSearchResultListItem = (
  props: DataProductSearchResultListItemProps,
) => {
  const classes = useStyles();
  const document = props.result as DataProductSearchDocument | undefined;
  if (!document) return null;
  const { highlight } = props;
  const freshnessClasses: Record<string, string> = {
    stale: classes.stale,
    fresh: classes.fresh,
  };
  const freshnessClass = document.freshnessStatus
    ? freshnessClasses[document.freshnessStatus]
    : undefined;

  return (
    <ListItem alignItems="flex-start" divider>
      {props.icon && <ListItemIcon>{props.icon}</ListItemIcon>}
      <ListItemText
        primaryTypographyProps={{ variant: 'h6' }}
        primary={
          <Link to={document.location}>
            {highlight?.fields.title ? (
              <HighlightedSearchResultText
                text={highlight.fields.title}
                preTag={highlight.preTag}
                postTag={highlight.postTag}
              />
            ) : (
              document.title
            )}
          </Link>
        }
        secondaryTypographyProps={{ component: 'div' } as object}
        secondary={
          <>
            <Typography variant="body2" color="textSecondary" noWrap>
              {highlight?.fields.text ? (
                <HighlightedSearchResultText
                  text={highlight.fields.text}
                  preTag={highlight.preTag}
                  postTag={highlight.postTag}
                />
              ) : (
                document.text
              )}
            </Typography>
            <Box className={classes.facts}>
              <Chip size="small" label="Data product" />
              {document.layer && (
                <Chip size="small" label={`Layer ${document.layer}`} />
              )}
              {document.domain && (
                <Chip size="small" label={`Domain ${document.domain}`} />
              )}
              <Typography variant="body2" component="span">
                Owner <Owner owner={document.owner} />
              </Typography>
              <Chip
                size="small"
                className={freshnessClass}
                label={freshnessLabel(document)}
              />
              <Chip size="small" label={qualityLabel(document.qualityScore)} />
              {document.containsPii && <PiiBadge />}
            </Box>
          </>
        }
      />
    </ListItem>
  );
};
