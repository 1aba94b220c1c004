import { useApi } from '@backstage/frontend-plugin-api';
import {
  initSqlParser,
  isSqlParserReady,
  PipelineFile,
  ProjectFileParseCache,
  serializeProjectFile,
} from '@meshwork/data-mesh-common';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  dataMeshApiRef,
  editorErrorDetails,
  PipelineCommit,
  PipelineConflict,
  PipelineSource,
  ProjectDiagnostic,
} from '../../api';
import { checkDraft } from './draftCheck';
import { editorStandardsLibrary } from './editorStandards';
import { withNodeEdited } from './pipelineData';

/** How many canvas edits can be undone. */
const MAX_UNDO = 100;

interface CanvasEdit {
  before: string;
  after: string;
}

/** How long typing pauses before the draft is saved on the server. */
export const DRAFT_AUTOSAVE_MS = 1000;

export type EditorDiagnostic = Pick<
  ProjectDiagnostic,
  'line' | 'column' | 'endLine' | 'endColumn' | 'path' | 'message' | 'severity'
>;

export type SaveOutcome =
  | { kind: 'committed'; commit: PipelineCommit }
  | { kind: 'invalid' }
  | { kind: 'conflict' }
  | { kind: 'failed'; error: Error };

interface Working {
  /** The pipeline file as the user edits it. */
  text: string;
  /** The commit the edit is based on. */
  baseCommit: string;
  /** The file at `baseCommit`, to tell whether there is anything to save. */
  committedText: string;
  /** The server's diagnostics of `checkedText`. */
  serverDiagnostics: readonly EditorDiagnostic[];
  checkedText: string;
  /** When a draft from an earlier visit replaced the committed text. */
  restoredDraftAt?: string;
}

function onlyFile(
  diagnostics: readonly ProjectDiagnostic[],
  path: string,
): EditorDiagnostic[] {
  return diagnostics.filter(d => d.file === path);
}

/**
 * The state of the pipeline editor: the file being edited, parsed on every
 * change for the canvas and the diagnostics, autosaved as a draft, and
 * committed with its base commit so that a file changed meanwhile is
 * answered with a conflict rather than overwritten.
 */
export function usePipelineEditor(project: string, pipeline: string) {
  const api = useApi(dataMeshApiRef);
  const opened = useAsyncRetry(async () => {
    const source = await api.getPipelineSource(project, pipeline);
    const draft = source.canEdit
      ? await api.getPipelineDraft(project, pipeline)
      : undefined;
    return { source, draft };
  }, [api, project, pipeline]);

  const [source, setSource] = useState<PipelineSource>();
  const [working, setWorking] = useState<Working>();
  const [conflict, setConflict] = useState<PipelineConflict>();
  const [draftSavedAt, setDraftSavedAt] = useState<string>();
  const [historyVersion, setHistoryVersion] = useState(0);

  useEffect(() => {
    if (!opened.value) return;
    const { source: loaded, draft } = opened.value;
    const committedText = loaded.text ?? '';
    const useDraft = draft !== undefined && draft.text !== committedText;
    setSource(loaded);
    setConflict(undefined);
    setWorking({
      text: useDraft ? draft.text : committedText,
      baseCommit: useDraft ? draft.baseCommit : loaded.commit,
      committedText,
      serverDiagnostics: onlyFile(loaded.diagnostics, loaded.path),
      checkedText: committedText,
      restoredDraftAt: useDraft ? draft.updatedAt : undefined,
    });
  }, [opened.value]);

  // Every change is checked with the rest of the project, as the server
  // checks a save. SQL and Mask gems need the SQL parser, loaded on demand.
  const [sqlParserReady, setSqlParserReady] = useState(isSqlParserReady);
  const workingText = working?.text;
  const parseCache = useMemo(() => new ProjectFileParseCache(), []);
  const standards = useMemo(
    () => editorStandardsLibrary(source?.standards),
    [source],
  );
  const check = useMemo(() => {
    if (workingText === undefined || !source) return undefined;
    return checkDraft(source.projectFiles, source.path, workingText, {
      parseCache,
      standards,
    });
    // The parser's readiness changes what the check finds.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [workingText, source, sqlParserReady, parseCache, standards]);
  const needsSqlParser = check?.needsSqlParser ?? false;
  useEffect(() => {
    if (!needsSqlParser) return undefined;
    let current = true;
    initSqlParser().then(
      () => current && setSqlParserReady(true),
      // Without the parser the server still checks SQL gems when saving.
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [needsSqlParser]);

  const diagnostics: readonly EditorDiagnostic[] = useMemo(() => {
    if (!working || !check) return [];
    if (working.text === working.checkedText) return working.serverDiagnostics;
    return check.diagnostics;
  }, [working, check]);

  const canEdit = source?.canEdit ?? false;
  const dirty = working !== undefined && working.text !== working.committedText;

  // Autosave: the draft follows the text, a second after typing stops. A
  // commit deletes the draft on the server, so no draft is written while one
  // is under way, and a commit waits for the draft written before it.
  const saving = useRef(false);
  const draftWrite = useRef<Promise<unknown>>(Promise.resolve());
  const text = working?.text;
  const baseCommit = working?.baseCommit;
  const committedText = working?.committedText;
  useEffect(() => {
    if (!canEdit || text === undefined || baseCommit === undefined) {
      return undefined;
    }
    if (text === committedText) return undefined;
    const timer = setTimeout(() => {
      if (saving.current) return;
      draftWrite.current = api
        .savePipelineDraft(project, pipeline, { text, baseCommit })
        .then(draft => setDraftSavedAt(draft.updatedAt))
        .catch(() => setDraftSavedAt(undefined));
    }, DRAFT_AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [api, project, pipeline, canEdit, text, baseCommit, committedText]);

  const setText = useCallback((next: string) => {
    setWorking(current => current && { ...current, text: next });
  }, []);

  // The canvas's undo history: each edit is the file before and after it,
  // and undoes only while the file is still as the edit left it (typing in
  // the file has its own undo).
  const [past, setPast] = useState<readonly CanvasEdit[]>([]);
  const [future, setFuture] = useState<readonly CanvasEdit[]>([]);
  const parsedPipeline = check?.pipeline;
  const replaceText = useCallback(
    (after: string | undefined) => {
      if (text === undefined || after === undefined || after === text) return;
      setPast(edits => [
        ...edits.slice(-(MAX_UNDO - 1)),
        { before: text, after },
      ]);
      setFuture([]);
      setText(after);
    },
    [text, setText],
  );
  const edit = useCallback(
    (change: (pipeline: PipelineFile) => PipelineFile) => {
      if (!parsedPipeline) return;
      replaceText(serializeProjectFile('pipeline', change(parsedPipeline)));
    },
    [parsedPipeline, replaceText],
  );
  /** A gem form's change: applies to the file even while it is invalid. */
  const editNode = useCallback(
    (nodeId: string, change: { label?: string; config: unknown }) => {
      if (text === undefined) return;
      replaceText(withNodeEdited(text, nodeId, change));
    },
    [text, replaceText],
  );
  const lastEdit = past[past.length - 1];
  const nextEdit = future[0];
  const canUndo = canEdit && lastEdit !== undefined && lastEdit.after === text;
  const canRedo = canEdit && nextEdit !== undefined && nextEdit.before === text;
  const undo = useCallback(() => {
    if (!canUndo) return;
    setPast(edits => edits.slice(0, -1));
    setFuture(edits => [lastEdit, ...edits]);
    setText(lastEdit.before);
  }, [canUndo, lastEdit, setText]);
  const redo = useCallback(() => {
    if (!canRedo) return;
    setFuture(edits => edits.slice(1));
    setPast(edits => [...edits, nextEdit]);
    setText(nextEdit.after);
  }, [canRedo, nextEdit, setText]);

  const save = useCallback(
    async (message: string): Promise<SaveOutcome> => {
      if (!working || saving.current) return { kind: 'invalid' };
      saving.current = true;
      const attempt = working;
      try {
        await draftWrite.current;
        const commit = await api.commitPipeline(project, pipeline, {
          text: attempt.text,
          baseCommit: attempt.baseCommit,
          message,
        });
        setConflict(undefined);
        setDraftSavedAt(undefined);
        setWorking(
          current =>
            current && {
              ...current,
              baseCommit: commit.commit,
              committedText: attempt.text,
              checkedText: attempt.text,
              serverDiagnostics: [],
              restoredDraftAt: undefined,
            },
        );
        setSource(current => current && { ...current, branchExists: true });
        setHistoryVersion(v => v + 1);
        return { kind: 'committed', commit };
      } catch (error) {
        const details = editorErrorDetails(error);
        if (details.diagnostics) {
          setWorking(
            current =>
              current && {
                ...current,
                checkedText: attempt.text,
                serverDiagnostics: onlyFile(details.diagnostics!, source!.path),
              },
          );
          return { kind: 'invalid' };
        }
        if (details.conflict) {
          setConflict(details.conflict);
          return { kind: 'conflict' };
        }
        return { kind: 'failed', error: error as Error };
      } finally {
        saving.current = false;
      }
    },
    [api, project, pipeline, working, source],
  );

  /** Continues from the branch's current version with `text`, the merge the user made. */
  const resolveConflict = useCallback(
    (merged: string) => {
      if (!conflict?.theirs.commit) return;
      const theirs = conflict.theirs;
      setWorking(
        current =>
          current && {
            ...current,
            text: merged,
            baseCommit: theirs.commit!,
            committedText: theirs.text ?? '',
            checkedText: theirs.text ?? '',
            serverDiagnostics: [],
          },
      );
      setConflict(undefined);
    },
    [conflict],
  );

  const discardDraft = useCallback(async () => {
    if (!source) return;
    await api.discardPipelineDraft(project, pipeline);
    setDraftSavedAt(undefined);
    opened.retry();
  }, [api, project, pipeline, source, opened]);

  const revert = useCallback(
    async (commit: string) => {
      await api.revertPipelineCommit(project, pipeline, commit);
      setHistoryVersion(v => v + 1);
      opened.retry();
    },
    [api, project, pipeline, opened],
  );

  return {
    loading: opened.loading && !working,
    error: opened.error,
    source,
    /** The standards library the project pins, loaded for the browser's compiler. */
    standards,
    text: working?.text,
    /** The file at the base commit, which the generated code is compared with. */
    committedText: working?.committedText,
    baseCommit: working?.baseCommit,
    restoredDraftAt: working?.restoredDraftAt,
    pipeline: parsedPipeline,
    check,
    diagnostics,
    canEdit,
    dirty,
    draftSavedAt,
    conflict,
    historyVersion,
    setText,
    edit,
    editNode,
    undo,
    redo,
    canUndo,
    canRedo,
    save,
    resolveConflict,
    discardDraft,
    revert,
  };
}

export type PipelineEditorState = ReturnType<typeof usePipelineEditor>;
