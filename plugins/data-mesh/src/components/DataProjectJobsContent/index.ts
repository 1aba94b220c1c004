export { DataProjectJobsContent } from './DataProjectJobsContent';
