export { DataProjectRunsContent } from './DataProjectRunsContent';
