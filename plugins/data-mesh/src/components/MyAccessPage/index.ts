export { MyAccessPage, REQUESTS_SECTION_ID } from './MyAccessPage';
