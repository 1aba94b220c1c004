export { PipelineEditor, PipelineEditorPage } from './PipelineEditorPage';
