export { dataMeshPlugin as default } from './plugin';
