export { DataProjectPipelinesContent } from './DataProjectPipelinesContent';
