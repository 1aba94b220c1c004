import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormHelperText from '@material-ui/core/FormHelperText';
import IconButton from '@material-ui/core/IconButton';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import DeleteIcon from '@material-ui/icons/Delete';
import type {
  FunctionCatalogue,
  PathSegment,
} from '@meshwork/data-mesh-common';
import type { ReactNode } from 'react';
import { ExpressionInput, ExpressionProblem } from './ExpressionInput';
import type { VocabularyColumn } from './expressionVocabulary';

/** A draft-07 JSON Schema, as the project format generates them. */
export type FieldSchema = { readonly [key: string]: unknown };

/** A field that is more than its schema says: a column or a known name. */
export type FieldHint =
  | { kind: 'column' }
  | { kind: 'choice'; options: readonly string[] };

/** The problems the compiler found at one field. */
export interface FieldProblems {
  /** Inside an expression, at their offsets. */
  readonly inline: readonly ExpressionProblem[];
  /** About the field as a whole. */
  readonly messages: readonly string[];
}

/** What every field of a form needs besides its own schema and value. */
export interface FormContext {
  readonly readOnly: boolean;
  /** The columns the gem's expressions read, for completion and pickers. */
  readonly columns: readonly VocabularyColumn[];
  /** The parameters expressions may read as `:name`. */
  readonly parameters: readonly VocabularyColumn[];
  /** The functions expressions may call (with the standards library's). */
  readonly functions?: FunctionCatalogue;
  hint(path: readonly PathSegment[]): FieldHint | undefined;
  problems(path: readonly PathSegment[], value: unknown): FieldProblems;
}

const EXPRESSION_FORMAT = 'spark-sql-expression';

/**
 * The last segment of the path a map's field asks a hint for, to learn
 * which keys the map should have (a business rule's inputs).
 */
export const MAP_KEYS = '<keys>';

/** The value a new item of a list starts with: its required fields, empty. */
export function initialValue(schema: FieldSchema): unknown {
  if (Array.isArray(schema.enum)) return schema.enum[0];
  switch (schema.type) {
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<
        string,
        FieldSchema
      >;
      const required = (schema.required ?? []) as string[];
      return Object.fromEntries(
        required
          .filter(key => properties[key])
          .map(key => [key, initialValue(properties[key])]),
      );
    }
    case 'array':
      return [];
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' ? schema.minimum : 0;
    case 'boolean':
      return false;
    default:
      return '';
  }
}

function describe(schema: FieldSchema): string | undefined {
  return typeof schema.description === 'string'
    ? schema.description
    : undefined;
}

function helperText(
  schema: FieldSchema,
  problems: FieldProblems,
): string | undefined {
  return problems.messages.length
    ? problems.messages.join('; ')
    : describe(schema);
}

interface FieldProps {
  schema: FieldSchema;
  value: unknown;
  path: readonly PathSegment[];
  label: string;
  required: boolean;
  context: FormContext;
  /** `undefined` removes an optional field. */
  onChange: (value: unknown) => void;
}

/** One field of a gem's configuration, drawn from its JSON Schema. */
export function SchemaField(props: FieldProps) {
  const { schema, value, path, label, required, context, onChange } = props;
  const problems = context.problems(path, value);
  const error = problems.messages.length > 0 || problems.inline.length > 0;
  const hint = context.hint(path);
  const id = `gem-field-${path.join('-')}`;

  if (Array.isArray(schema.enum) || hint?.kind === 'choice') {
    const options = (
      hint?.kind === 'choice' ? hint.options : schema.enum
    ) as readonly unknown[];
    return (
      <ChoiceField
        {...props}
        id={id}
        options={options.map(String)}
        error={error}
        helper={helperText(schema, problems)}
      />
    );
  }
  if (hint?.kind === 'column') {
    return (
      <ChoiceField
        {...props}
        id={id}
        options={context.columns.map(c => c.name)}
        freeText={context.columns.length === 0}
        error={error}
        helper={helperText(schema, problems)}
      />
    );
  }
  switch (schema.type) {
    case 'string':
      if (schema.format === EXPRESSION_FORMAT) {
        return (
          <Box mb={1}>
            <ExpressionInput
              label={label}
              value={typeof value === 'string' ? value : ''}
              readOnly={context.readOnly}
              columns={context.columns}
              parameters={context.parameters}
              functions={context.functions}
              problems={problems.inline}
              onChange={text =>
                onChange(text === '' && !required ? undefined : text)
              }
            />
            <FormHelperText error={problems.messages.length > 0}>
              {helperText(schema, problems)}
            </FormHelperText>
          </Box>
        );
      }
      return (
        <TextField
          id={id}
          label={label}
          value={typeof value === 'string' ? value : ''}
          required={required}
          fullWidth
          margin="dense"
          error={error}
          helperText={helperText(schema, problems)}
          InputProps={{ readOnly: context.readOnly }}
          onChange={e =>
            onChange(
              e.target.value === '' && !required ? undefined : e.target.value,
            )
          }
        />
      );
    case 'integer':
    case 'number':
      return (
        <TextField
          id={id}
          label={label}
          type="number"
          value={typeof value === 'number' ? value : ''}
          required={required}
          fullWidth
          margin="dense"
          error={error}
          helperText={helperText(schema, problems)}
          InputProps={{ readOnly: context.readOnly }}
          onChange={e => {
            const text = e.target.value;
            if (text === '') onChange(required ? 0 : undefined);
            else if (Number.isFinite(Number(text))) onChange(Number(text));
          }}
        />
      );
    case 'boolean':
      return (
        <Box>
          <FormControlLabel
            label={label}
            control={
              <Checkbox
                checked={value === true}
                disabled={context.readOnly}
                onChange={e => {
                  // An optional flag left unticked is left out of the file.
                  if (e.target.checked) onChange(true);
                  else onChange(required ? false : undefined);
                }}
              />
            }
          />
          <FormHelperText error={error}>
            {helperText(schema, problems)}
          </FormHelperText>
        </Box>
      );
    case 'array':
      return <ArrayField {...props} problems={problems} />;
    case 'object':
      return schema.properties ? (
        <ObjectField {...props} />
      ) : (
        <RecordField {...props} problems={problems} />
      );
    default:
      return (
        <ScalarField {...props} id={id} error={error} problems={problems} />
      );
  }
}

function ChoiceField(
  props: FieldProps & {
    id: string;
    options: readonly string[];
    error: boolean;
    helper?: string;
    freeText?: boolean;
  },
) {
  const { value, label, required, context, onChange, options } = props;
  const current = value === undefined || value === null ? '' : String(value);
  if (props.freeText) {
    return (
      <TextField
        id={props.id}
        label={label}
        value={current}
        required={required}
        fullWidth
        margin="dense"
        error={props.error}
        helperText={props.helper}
        InputProps={{ readOnly: context.readOnly }}
        onChange={e =>
          onChange(
            e.target.value === '' && !required ? undefined : e.target.value,
          )
        }
      />
    );
  }
  // A value the options do not have stays selectable, so that nothing the
  // file says is silently replaced; the compiler says what is wrong with it.
  const choices =
    current && !options.includes(current) ? [current, ...options] : options;
  return (
    <TextField
      id={props.id}
      select
      label={label}
      value={current}
      required={required}
      fullWidth
      margin="dense"
      error={props.error}
      helperText={props.helper}
      disabled={context.readOnly}
      onChange={e =>
        onChange(e.target.value === '' ? undefined : e.target.value)
      }
    >
      {!required && (
        <MenuItem value="">
          <em>None</em>
        </MenuItem>
      )}
      {choices.map(option => (
        <MenuItem key={option} value={option}>
          {option}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** A value of any scalar type (a subgraph's parameter), typed as YAML would read it. */
function ScalarField(
  props: FieldProps & { id: string; error: boolean; problems: FieldProblems },
) {
  const { value, label, context, onChange } = props;
  return (
    <TextField
      id={props.id}
      label={label}
      value={value === undefined || value === null ? '' : String(value)}
      fullWidth
      margin="dense"
      error={props.error}
      helperText={helperText(props.schema, props.problems)}
      InputProps={{ readOnly: context.readOnly }}
      onChange={e => {
        const text = e.target.value;
        if (text === 'true' || text === 'false') onChange(text === 'true');
        else if (text !== '' && Number.isFinite(Number(text)))
          onChange(Number(text));
        else onChange(text);
      }}
    />
  );
}

function ObjectField(props: FieldProps) {
  const { schema, path, context, onChange } = props;
  const value = (
    props.value && typeof props.value === 'object' ? props.value : {}
  ) as Record<string, unknown>;
  const properties = schema.properties as Record<string, FieldSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return (
    <>
      {Object.entries(properties).map(([key, property]) => (
        <SchemaField
          key={key}
          schema={property}
          value={value[key]}
          path={[...path, key]}
          label={key}
          required={required.has(key)}
          context={context}
          onChange={next => {
            const copy = { ...value };
            if (next === undefined) delete copy[key];
            else copy[key] = next;
            onChange(copy);
          }}
        />
      ))}
    </>
  );
}

/** The frame of a list or a map: its label, its entries, its problems. */
function FieldGroup(props: {
  label: string;
  schema: FieldSchema;
  problems: FieldProblems;
  children: ReactNode;
}) {
  return (
    <Box
      component="fieldset"
      border={1}
      borderColor="divider"
      borderRadius={4}
      px={1}
      mb={1}
      aria-label={props.label}
    >
      <Typography component="legend" variant="caption">
        {props.label}
      </Typography>
      {props.children}
      <FormHelperText error={props.problems.messages.length > 0}>
        {helperText(props.schema, props.problems)}
      </FormHelperText>
    </Box>
  );
}

function ArrayField(props: FieldProps & { problems: FieldProblems }) {
  const { schema, path, label, required, context, onChange } = props;
  const items = Array.isArray(props.value) ? props.value : [];
  const itemSchema = (schema.items ?? {}) as FieldSchema;
  const set = (next: unknown[]) =>
    onChange(next.length === 0 && !required ? undefined : next);
  return (
    <FieldGroup label={label} schema={schema} problems={props.problems}>
      {items.map((item, index) => (
        <Box key={index} display="flex" alignItems="flex-start">
          <Box flex={1}>
            <SchemaField
              schema={itemSchema}
              value={item}
              path={[...path, index]}
              label={`${label} ${index + 1}`}
              required
              context={context}
              onChange={next => {
                const copy = [...items];
                copy[index] = next;
                set(copy);
              }}
            />
          </Box>
          {!context.readOnly && (
            <IconButton
              size="small"
              aria-label={`Remove ${label} ${index + 1}`}
              onClick={() => set(items.filter((_, i) => i !== index))}
            >
              <DeleteIcon fontSize="small" />
            </IconButton>
          )}
        </Box>
      ))}
      {!context.readOnly && (
        <Button
          size="small"
          onClick={() => set([...items, initialValue(itemSchema)])}
        >
          Add to {label}
        </Button>
      )}
    </FieldGroup>
  );
}

/** A map from names to values: a business rule's bindings, a subgraph's parameters. */
function RecordField(props: FieldProps & { problems: FieldProblems }) {
  const { schema, path, label, context, onChange } = props;
  const value = (
    props.value && typeof props.value === 'object' ? props.value : {}
  ) as Record<string, unknown>;
  const valueSchema = (schema.additionalProperties ?? {}) as FieldSchema;
  const hint = context.hint([...path, MAP_KEYS]);
  // Names the field should have (a rule's inputs) are offered even when unset.
  const names =
    hint?.kind === 'choice'
      ? [...new Set([...hint.options, ...Object.keys(value)])]
      : Object.keys(value);
  return (
    <FieldGroup label={label} schema={schema} problems={props.problems}>
      {names.map(name => (
        <SchemaField
          key={name}
          schema={valueSchema}
          value={value[name]}
          path={[...path, name]}
          label={name}
          required={false}
          context={context}
          onChange={next => {
            const copy = { ...value };
            if (next === undefined || next === '') delete copy[name];
            else copy[name] = next;
            onChange(copy);
          }}
        />
      ))}
      {hint?.kind !== 'choice' && !context.readOnly && (
        <NewEntry
          label={label}
          onAdd={name =>
            onChange({ ...value, [name]: initialValue(valueSchema) })
          }
        />
      )}
    </FieldGroup>
  );
}

function NewEntry(props: { label: string; onAdd: (name: string) => void }) {
  return (
    <TextField
      label={`New name in ${props.label}`}
      margin="dense"
      size="small"
      helperText="Press Enter to add"
      onKeyDown={e => {
        const input = e.target as HTMLInputElement;
        if (e.key === 'Enter' && input.value.trim()) {
          e.preventDefault();
          props.onAdd(input.value.trim());
          input.value = '';
        }
      }}
    />
  );
}
