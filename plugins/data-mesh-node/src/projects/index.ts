export { readProjectFolder } from './readProjectFolder';
export { GitRefError, readProjectAtGitRef } from './readProjectAtGitRef';
export type { ReadProjectFolderOptions } from './readProjectFolder';
export type {
  ProjectSource,
  ProjectSourceRead,
  ProjectSourceReadOptions,
} from './ProjectSource';
export { LocalFolderProjectSource } from './LocalFolderProjectSource';
export { UrlReaderProjectSource } from './UrlReaderProjectSource';
export { dataProjectLocation } from './dataProjectLocation';
export type { DataProjectLocation } from './dataProjectLocation';
export { DataProjectSources, projectSourceAt } from './projectSourceAt';
export type { ProjectSourceOptions } from './projectSourceAt';
export { DATA_PROJECT_CHANGED_TOPIC } from './dataProjectEvents';
export type { DataProjectChangedEvent } from './dataProjectEvents';
export { dataProjectsOfComponents } from './dataProjectsOfComponents';
export type { ComponentDataProject } from './dataProjectsOfComponents';
export { LocalProjectGit } from './git/LocalProjectGit';
export { GithubProjectGit } from './git/GithubProjectGit';
export type { GithubProjectGitOptions } from './git/GithubProjectGit';
export { StaleBranchError } from './git/ProjectGit';
export { seedProjectRepository } from './git/seedProjectRepository';
export type { SeedProjectRepositoryResult } from './git/seedProjectRepository';
export type {
  ProjectCommit,
  ProjectCommitAuthor,
  ProjectCommitRequest,
  ProjectGit,
  ProjectPullRequest,
} from './git/ProjectGit';
