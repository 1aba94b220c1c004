import git, { CommitObject, TreeEntry } from 'isomorphic-git';
import fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';

/**
 * A fake of the part of GitHub's REST API that `GithubProjectGit` uses: a
 * real HTTP server on 127.0.0.1, in front of a real bare git repository on
 * disk that isomorphic-git reads and writes. It answers like GitHub does,
 * down to the details a client trips over:
 *
 * - the API lives below a path, as on GitHub Enterprise (`…/api/v3`);
 * - ref and path parameters arrive URL-encoded (`heads%2Fa%2Fb`);
 * - errors are `{ message, documentation_url }` with GitHub's status codes
 *   and messages (404 Not Found, 409 for an empty repository, 422 for a
 *   failed validation, 401 Bad credentials);
 * - contents and blobs are base64, wrapped at 60 characters, and the
 *   contents API leaves files over 1 MB out (`encoding: 'none'`);
 * - lists are paginated with `per_page`, `page` and a `Link` header.
 *
 * Requests are handled one at a time, so that checking a ref and moving it
 * is atomic, as it is on GitHub.
 */

/**
 * How a test sets up the fake.
 *
 * @public
 */
export interface FakeGithubApiOptions {
  /** The token requests must carry (`Authorization: token …` or `Bearer …`). */
  readonly token: string;
  readonly owner: string;
  readonly repo: string;
  /**
   * The files of the first commit of the default branch, by their path in
   * `folder`. None makes an empty repository, without commits.
   */
  readonly files: Readonly<Record<string, string>>;
  /** Where the files are in the repository: `''` (the root) or `a/b`. */
  readonly folder?: string;
  readonly defaultBranch?: string;
  /** Where people see the repository, for `html_url`s. */
  readonly webBaseUrl?: string;
}

/**
 * A pull request, as the fake recorded it.
 *
 * @public
 */
export interface FakePullRequest {
  readonly number: number;
  readonly title: string;
  readonly body: string;
  readonly head: string;
  readonly base: string;
  readonly state: 'open' | 'closed';
}

/**
 * A request the fake received.
 *
 * @public
 */
export interface FakeGithubRequest {
  readonly method: string;
  /** The decoded path below the API's base, e.g. `/repos/acme/sales/git/ref/heads/a/b`. */
  readonly path: string;
  /** The path as sent, e.g. `/repos/acme/sales/git/ref/heads%2Fa%2Fb`. */
  readonly rawPath: string;
  readonly query: Readonly<Record<string, string>>;
}

/**
 * A commit pushed behind the client's back.
 *
 * @public
 */
export interface DirectCommit {
  /** The branch to commit to; the default branch unless given. */
  readonly branch?: string;
  /**
   * Files to write, or to remove (`null`), by their path in the folder
   * (`../b` leads out of it).
   */
  readonly files: Readonly<Record<string, string | null>>;
  readonly message?: string;
  readonly author?: { readonly name: string; readonly email: string };
}

/** Where the API is below the server's root, as on GitHub Enterprise. */
const API_PATH = '/api/v3';
const DOCUMENTATION_URL = 'https://docs.github.com/rest';
const CONTENTS_MAX_BYTES = 1024 * 1024;
const SEED_AUTHOR = { name: 'Sam Sales', email: 'sam@acme.example' };
const SEED_TIMESTAMP = 1_700_000_000;
/** The committer of what the API commits (on GitHub: the token's user or app). */
const API_COMMITTER = { name: 'GitHub', email: 'noreply@github.com' };

/** A failed request, answered with GitHub's error body. */
class GithubError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: ReadonlyArray<Record<string, string>>,
  ) {
    super(message);
  }
}

const notFound = () => new GithubError(404, 'Not Found');

/** A request, as a route's handler sees it. */
interface RouteRequest {
  /** The route's captured parameters, decoded. */
  readonly params: string[];
  readonly query: URLSearchParams;
  readonly body: any;
  /** The request's URL, for `Link` headers. */
  readonly url: URL;
}

/** An answer: a status and a JSON body. */
interface Reply {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Record<string, string>;
}

interface Route {
  readonly method: string;
  /** Matched against the decoded path below `/repos/{owner}/{repo}`. */
  readonly path: RegExp;
  readonly handle: (request: RouteRequest) => Promise<Reply>;
}

/** A file of a tree, by its path from the tree's root. */
interface FileEntry {
  readonly mode: string;
  readonly oid: string;
  readonly type: 'blob' | 'commit';
}

/** The repository's git objects and refs, as the endpoints need them. */
class GitRepository {
  constructor(readonly gitdir: string) {}

  /** The commit a ref names: a branch, or a full or abbreviated commit id. */
  async resolve(ref: string): Promise<string | undefined> {
    if (/^[0-9a-f]{40}$/i.test(ref)) {
      return (await this.isCommit(ref)) ? ref.toLowerCase() : undefined;
    }
    const branch = await this.branchHead(ref);
    if (branch) return branch;
    if (!/^[0-9a-f]{4,39}$/i.test(ref)) return undefined;
    const oid = await git
      .expandOid({ fs, gitdir: this.gitdir, oid: ref.toLowerCase() })
      .catch(() => undefined);
    return oid && (await this.isCommit(oid)) ? oid : undefined;
  }

  branchHead(branch: string): Promise<string | undefined> {
    return this.ref(`refs/heads/${branch}`);
  }

  /** What a full ref (`refs/heads/a`) points at; undefined where it is missing. */
  async ref(ref: string): Promise<string | undefined> {
    try {
      return await git.resolveRef({ fs, gitdir: this.gitdir, ref });
    } catch {
      return undefined;
    }
  }

  setRef(ref: string, oid: string): Promise<void> {
    return git.writeRef({
      fs,
      gitdir: this.gitdir,
      ref,
      value: oid,
      force: true,
    });
  }

  setBranch(branch: string, oid: string): Promise<void> {
    return this.setRef(`refs/heads/${branch}`, oid);
  }

  private async typeOf(oid: string): Promise<string | undefined> {
    if (!/^[0-9a-f]{40}$/i.test(oid)) return undefined;
    try {
      const { type } = await git.readObject({
        fs,
        gitdir: this.gitdir,
        oid: oid.toLowerCase(),
        format: 'content',
      });
      return type;
    } catch {
      return undefined;
    }
  }

  async isCommit(oid: string): Promise<boolean> {
    return (await this.typeOf(oid)) === 'commit';
  }

  async isTree(oid: string): Promise<boolean> {
    return (await this.typeOf(oid)) === 'tree';
  }

  async isBlob(oid: string): Promise<boolean> {
    return (await this.typeOf(oid)) === 'blob';
  }

  /** Whether `oid` descends from `ancestor`. */
  descends(oid: string, ancestor: string): Promise<boolean> {
    return git.isDescendent({
      fs,
      gitdir: this.gitdir,
      oid,
      ancestor,
      depth: -1,
    });
  }

  async commit(oid: string): Promise<CommitObject> {
    return (await git.readCommit({ fs, gitdir: this.gitdir, oid })).commit;
  }

  /** A tree, or the tree of a commit or branch; undefined where there is none. */
  async treeOf(treeish: string): Promise<string | undefined> {
    if (await this.isTree(treeish)) return treeish.toLowerCase();
    const commit = await this.resolve(treeish);
    return commit ? (await this.commit(commit)).tree : undefined;
  }

  async tree(oid: string): Promise<TreeEntry[]> {
    return (await git.readTree({ fs, gitdir: this.gitdir, oid })).tree;
  }

  async blob(oid: string): Promise<Uint8Array> {
    return (await git.readBlob({ fs, gitdir: this.gitdir, oid })).blob;
  }

  writeBlob(text: string): Promise<string> {
    return git.writeBlob({
      fs,
      gitdir: this.gitdir,
      blob: Buffer.from(text, 'utf8'),
    });
  }

  writeCommit(commit: CommitObject): Promise<string> {
    return git.writeCommit({ fs, gitdir: this.gitdir, commit });
  }

  /** The entry at a path of a commit's tree; undefined where there is none. */
  async entryAt(commit: string, path: string): Promise<TreeEntry | undefined> {
    let entry: TreeEntry | undefined = {
      mode: '040000',
      path: '',
      oid: (await this.commit(commit)).tree,
      type: 'tree',
    };
    for (const name of path.split('/').filter(Boolean)) {
      if (entry?.type !== 'tree') return undefined;
      entry = (await this.tree(entry.oid)).find(e => e.path === name);
    }
    return entry;
  }

  /** Every file below a tree, by its path. */
  async files(tree: string, prefix = ''): Promise<Map<string, FileEntry>> {
    const files = new Map<string, FileEntry>();
    for (const entry of await this.tree(tree)) {
      const path = joinPath(prefix, entry.path);
      if (entry.type === 'tree') {
        for (const [inner, file] of await this.files(entry.oid, path)) {
          files.set(inner, file);
        }
      } else {
        files.set(path, { mode: entry.mode, oid: entry.oid, type: entry.type });
      }
    }
    return files;
  }

  /**
   * Writes the tree holding these files (by path), with the folders they
   * need; a folder without files is no tree, as in git.
   */
  async writeTree(files: ReadonlyMap<string, FileEntry>): Promise<string> {
    const entries: TreeEntry[] = [];
    const folders = new Map<string, Map<string, FileEntry>>();
    for (const [path, file] of files) {
      const slash = path.indexOf('/');
      if (slash < 0) {
        entries.push({ path, ...file });
        continue;
      }
      const folder = path.slice(0, slash);
      if (!folders.has(folder)) folders.set(folder, new Map());
      folders.get(folder)!.set(path.slice(slash + 1), file);
    }
    for (const [folder, inner] of folders) {
      entries.push({
        mode: '040000',
        path: folder,
        oid: await this.writeTree(inner),
        type: 'tree',
      });
    }
    return git.writeTree({
      fs,
      gitdir: this.gitdir,
      tree: entries.sort(gitTreeOrder),
    });
  }

  /** Commits files written (text) or removed (`null`) on top of `base`. */
  async commitFiles(options: {
    base: string | undefined;
    files: ReadonlyMap<string, string | null>;
    message: string;
    author: { name: string; email: string; timestamp: number };
    committer: { name: string; email: string; timestamp: number };
  }): Promise<string> {
    const files = options.base
      ? await this.files((await this.commit(options.base)).tree)
      : new Map<string, FileEntry>();
    for (const [path, text] of options.files) {
      if (text === null) {
        files.delete(path);
      } else {
        const oid = await this.writeBlob(text);
        files.set(path, { mode: '100644', oid, type: 'blob' });
      }
    }
    return this.writeCommit({
      message: options.message,
      tree: await this.writeTree(files),
      parent: options.base ? [options.base] : [],
      author: { ...options.author, timezoneOffset: 0 },
      committer: { ...options.committer, timezoneOffset: 0 },
    });
  }

  /** The commits reachable from `head`, newest first. */
  history(head: string) {
    return git.log({ fs, gitdir: this.gitdir, ref: head });
  }

  /** Whether a commit changed a path (a file or a folder) against its first parent. */
  async changes(
    oid: string,
    commit: CommitObject,
    path: string,
  ): Promise<boolean> {
    const now = await this.entryAt(oid, path);
    const before = commit.parent[0]
      ? await this.entryAt(commit.parent[0], path)
      : undefined;
    return now?.oid !== before?.oid;
  }

  /**
   * The files a tree changed against a commit's tree, as GitHub lists them:
   * by name, a file removed and one added with the same content a rename.
   */
  async diff(
    parent: string | undefined,
    tree: string,
  ): Promise<Array<Record<string, string | number>>> {
    const before = parent
      ? await this.files((await this.commit(parent)).tree)
      : new Map<string, FileEntry>();
    const after = await this.files(tree);
    const removed = [...before.keys()].filter(path => !after.has(path));
    const changes: Array<Record<string, string | number>> = [];
    for (const [path, file] of after) {
      const old = before.get(path);
      if (old?.oid === file.oid) continue;
      const renamedFrom = old
        ? undefined
        : removed.find(r => before.get(r)!.oid === file.oid);
      if (renamedFrom) removed.splice(removed.indexOf(renamedFrom), 1);
      changes.push({
        sha: file.oid,
        filename: path,
        status: changeStatus(old, renamedFrom),
        ...(renamedFrom && { previous_filename: renamedFrom }),
        additions: 0,
        deletions: 0,
        changes: 0,
      });
    }
    for (const path of removed) {
      changes.push({
        sha: before.get(path)!.oid,
        filename: path,
        status: 'removed',
        additions: 0,
        deletions: 0,
        changes: 0,
      });
    }
    return changes.sort((a, b) => (a.filename < b.filename ? -1 : 1));
  }
}

/**
 * A fake GitHub REST API serving one repository; see the file's comment.
 *
 * @public
 */
export class FakeGithubApi {
  /** The API's base URL, as `integrations.github[].apiBaseUrl` takes it. */
  readonly apiBaseUrl: string;
  readonly defaultBranch: string;
  /** The first commit of the default branch; undefined in an empty repository. */
  readonly firstCommit: string | undefined;
  /** The pull requests opened, in order. */
  readonly pullRequests: FakePullRequest[] = [];
  /** Every request received, in order. */
  readonly requests: FakeGithubRequest[] = [];

  private readonly routes: readonly Route[];
  /** Work waiting for its turn: one request (or direct commit) at a time. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly hooks: Array<{
    matches: (request: FakeGithubRequest) => boolean;
    action: () => Promise<unknown>;
  }> = [];

  /** Starts a fake with a repository holding `files`. */
  static async start(options: FakeGithubApiOptions): Promise<FakeGithubApi> {
    const gitdir = await mkdtemp(join(tmpdir(), 'meshwork-fake-github-'));
    const defaultBranch = options.defaultBranch ?? 'main';
    await git.init({ fs, dir: gitdir, bare: true, defaultBranch });
    const repository = new GitRepository(gitdir);
    const folder = options.folder ?? '';
    let firstCommit: string | undefined;
    if (Object.keys(options.files).length > 0) {
      firstCommit = await repository.commitFiles({
        base: undefined,
        files: new Map(
          Object.entries(options.files).map(([path, text]) => [
            posix.join(folder, path),
            text,
          ]),
        ),
        message: 'Seed the project\n',
        author: { ...SEED_AUTHOR, timestamp: SEED_TIMESTAMP },
        committer: { ...SEED_AUTHOR, timestamp: SEED_TIMESTAMP },
      });
      await repository.setBranch(defaultBranch, firstCommit);
    }
    const server = createServer();
    await new Promise<void>(resolve =>
      server.listen(0, '127.0.0.1', () => resolve()),
    );
    const { port } = server.address() as AddressInfo;
    return new FakeGithubApi(
      options,
      server,
      repository,
      `http://127.0.0.1:${port}${API_PATH}`,
      defaultBranch,
      firstCommit,
    );
  }

  private constructor(
    private readonly options: FakeGithubApiOptions,
    private readonly server: Server,
    private readonly repository: GitRepository,
    apiBaseUrl: string,
    defaultBranch: string,
    firstCommit: string | undefined,
  ) {
    this.apiBaseUrl = apiBaseUrl;
    this.defaultBranch = defaultBranch;
    this.firstCommit = firstCommit;
    this.routes = this.defineRoutes();
    server.on('request', (request, response) => {
      this.receive(request, response).catch(error => {
        response.statusCode = 500;
        response.end(String(error));
      });
    });
  }

  /** The bare repository's folder, for reading it with git directly. */
  get gitdir(): string {
    return this.repository.gitdir;
  }

  /** Stops the server and removes the repository. */
  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>(resolve => this.server.close(() => resolve()));
    await rm(this.repository.gitdir, { recursive: true, force: true });
  }

  /**
   * Commits to a branch as someone pushing would: the files change on top
   * of the branch's head (a missing branch starts from the default
   * branch's). Returns the commit's id.
   */
  commitDirectly(commit: DirectCommit): Promise<string> {
    return this.inTurn(async () => {
      const branch = commit.branch ?? this.defaultBranch;
      const base =
        (await this.repository.branchHead(branch)) ??
        (await this.repository.branchHead(this.defaultBranch));
      const folder = this.options.folder ?? '';
      const signature = {
        ...(commit.author ?? { name: 'Other', email: 'other@acme.example' }),
        timestamp: Math.floor(Date.now() / 1000),
      };
      const oid = await this.repository.commitFiles({
        base,
        files: new Map(
          Object.entries(commit.files).map(([path, text]) => [
            posix.join(folder, path),
            text,
          ]),
        ),
        message: `${commit.message ?? 'Pushed directly'}\n`,
        author: signature,
        committer: signature,
      });
      await this.repository.setBranch(branch, oid);
      return oid;
    });
  }

  /** A file at a commit or branch, by its path in the repository. */
  async readRepositoryFile(
    ref: string,
    path: string,
  ): Promise<string | undefined> {
    const commit = await this.repository.resolve(ref);
    if (!commit) return undefined;
    const entry = await this.repository.entryAt(commit, path);
    if (entry?.type !== 'blob') return undefined;
    return Buffer.from(await this.repository.blob(entry.oid)).toString('utf8');
  }

  /** The paths of all files at a commit or branch, sorted. */
  async repositoryFiles(ref: string): Promise<string[]> {
    const commit = await this.repository.resolve(ref);
    if (!commit) throw new Error(`no commit ${ref}`);
    const { tree } = await this.repository.commit(commit);
    return [...(await this.repository.files(tree)).keys()].sort();
  }

  /**
   * Runs `action` when the next request that `matches` arrives, before it
   * is handled: to push to a branch between a client's check and its
   * update.
   */
  beforeNextRequest(
    matches: (request: FakeGithubRequest) => boolean,
    action: () => Promise<unknown>,
  ): void {
    this.hooks.push({ matches, action });
  }

  // ------------------------------------------------------------------
  // HTTP

  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async receive(
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<void> {
    const url = new URL(request.url ?? '/', `http://${request.headers.host}`);
    const method = request.method ?? 'GET';
    const body = await readBody(request);
    const path = url.pathname.startsWith(API_PATH)
      ? url.pathname.slice(API_PATH.length)
      : url.pathname;
    const received: FakeGithubRequest = {
      method,
      path: decodeURIComponent(path),
      rawPath: path,
      query: Object.fromEntries(url.searchParams),
    };
    this.requests.push(received);
    const hook = this.hooks.findIndex(h => h.matches(received));
    if (hook >= 0) await this.hooks.splice(hook, 1)[0].action();

    const reply = await this.inTurn(() =>
      this.answer(request, method, path, url, body).catch((error): Reply => {
        if (!(error instanceof GithubError)) throw error;
        return {
          status: error.status,
          body: {
            message: error.message,
            ...(error.errors && { errors: error.errors }),
            documentation_url: DOCUMENTATION_URL,
          },
        };
      }),
    );
    response.writeHead(reply.status, {
      'content-type': 'application/json; charset=utf-8',
      ...reply.headers,
    });
    response.end(JSON.stringify(reply.body));
  }

  private async answer(
    request: IncomingMessage,
    method: string,
    path: string,
    url: URL,
    body: unknown,
  ): Promise<Reply> {
    this.authenticate(request.headers.authorization);
    const [, owner, repo, rest] =
      /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(path) ?? [];
    if (
      owner?.toLowerCase() !== this.options.owner.toLowerCase() ||
      repo?.toLowerCase() !== this.options.repo.toLowerCase()
    ) {
      throw notFound();
    }
    // GitHub takes `heads%2Fa%2Fb` for `heads/a/b`: decode after splitting
    // off the repository, and let each route's last parameter take slashes.
    const route = decodeURIComponent(rest ?? '');
    for (const candidate of this.routes) {
      const match = candidate.path.exec(route);
      if (match && candidate.method === method) {
        return candidate.handle({
          params: match.slice(1),
          query: url.searchParams,
          body,
          url,
        });
      }
    }
    throw notFound();
  }

  private authenticate(authorization: string | undefined): void {
    if (!authorization) {
      throw new GithubError(401, 'Requires authentication');
    }
    const [scheme, token] = authorization.split(/\s+/, 2);
    if (!/^(token|bearer)$/i.test(scheme) || token !== this.options.token) {
      throw new GithubError(401, 'Bad credentials');
    }
  }

  private defineRoutes(): Route[] {
    return [
      { method: 'GET', path: /^$/, handle: () => this.getRepository() },
      {
        method: 'GET',
        path: /^\/git\/ref\/(.+)$/,
        handle: r => this.getRef(r.params[0]),
      },
      {
        method: 'POST',
        path: /^\/git\/refs$/,
        handle: r => this.createRef(r.body),
      },
      {
        method: 'PATCH',
        path: /^\/git\/refs\/(.+)$/,
        handle: r => this.updateRef(r.params[0], r.body),
      },
      {
        method: 'GET',
        path: /^\/git\/trees\/([^/]+)$/,
        handle: r => this.getTree(r.params[0], r.query.has('recursive')),
      },
      {
        method: 'POST',
        path: /^\/git\/trees$/,
        handle: r => this.createTree(r.body),
      },
      {
        method: 'GET',
        path: /^\/git\/blobs\/([^/]+)$/,
        handle: r => this.getBlob(r.params[0]),
      },
      {
        method: 'GET',
        path: /^\/git\/commits\/([^/]+)$/,
        handle: r => this.getGitCommit(r.params[0]),
      },
      {
        method: 'POST',
        path: /^\/git\/commits$/,
        handle: r => this.createCommit(r.body),
      },
      {
        method: 'GET',
        path: /^\/commits$/,
        handle: r => this.listCommits(r.query, r.url),
      },
      {
        method: 'GET',
        path: /^\/commits\/(.+)$/,
        handle: r => this.getCommit(r.params[0], r.query, r.url),
      },
      {
        method: 'GET',
        path: /^\/contents(?:\/(.*))?$/,
        handle: r => this.getContents(r.params[0] ?? '', r.query.get('ref')),
      },
      {
        method: 'GET',
        path: /^\/pulls$/,
        handle: r => this.listPullRequests(r.query),
      },
      {
        method: 'POST',
        path: /^\/pulls$/,
        handle: r => this.createPullRequest(r.body),
      },
    ];
  }

  // ------------------------------------------------------------------
  // Endpoints

  /** `GET /repos/{owner}/{repo}` */
  private async getRepository(): Promise<Reply> {
    const { owner, repo } = this.options;
    return ok({
      name: repo,
      full_name: `${owner}/${repo}`,
      owner: { login: owner },
      private: true,
      html_url: this.htmlUrl(),
      default_branch: this.defaultBranch,
    });
  }

  /** `GET /repos/{owner}/{repo}/git/ref/{ref}`: exactly that ref. */
  private async getRef(ref: string): Promise<Reply> {
    await this.requireCommits();
    const sha = await this.repository.ref(`refs/${ref}`);
    if (!sha) throw notFound();
    return ok(this.refJson(`refs/${ref}`, sha));
  }

  /** `POST /repos/{owner}/{repo}/git/refs` */
  private async createRef(body: {
    ref?: string;
    sha?: string;
  }): Promise<Reply> {
    const { ref, sha } = body;
    if (!ref || !/^refs\/[^/]+\/.+/.test(ref)) {
      throw new GithubError(
        422,
        "Reference name must start with 'refs/' and have at least two slashes.",
      );
    }
    if (!sha || !(await this.repository.isCommit(sha))) {
      throw new GithubError(422, 'Object does not exist');
    }
    if (await this.repository.ref(ref)) {
      throw new GithubError(422, 'Reference already exists');
    }
    await this.repository.setRef(ref, sha);
    return created(this.refJson(ref, sha));
  }

  /** `PATCH /repos/{owner}/{repo}/git/refs/{ref}`: forward only, unless forced. */
  private async updateRef(
    ref: string,
    body: { sha?: string; force?: boolean },
  ): Promise<Reply> {
    const current = await this.repository.ref(`refs/${ref}`);
    if (!current) throw new GithubError(422, 'Reference does not exist');
    if (!body.sha || !(await this.repository.isCommit(body.sha))) {
      throw new GithubError(422, 'Object does not exist');
    }
    const forward =
      body.sha === current ||
      (await this.repository.descends(body.sha, current));
    if (!forward && !body.force) {
      throw new GithubError(422, 'Update is not a fast forward');
    }
    await this.repository.setRef(`refs/${ref}`, body.sha);
    return ok(this.refJson(`refs/${ref}`, body.sha));
  }

  /**
   * `GET /repos/{owner}/{repo}/git/trees/{tree_sha}`: a tree, or a commit's
   * or branch's tree; with `recursive`, every entry below it.
   */
  private async getTree(treeish: string, recursive: boolean): Promise<Reply> {
    await this.requireCommits();
    const tree = await this.repository.treeOf(treeish);
    if (!tree) throw notFound();
    return ok({
      sha: tree,
      url: this.apiUrl(`git/trees/${tree}`),
      tree: await this.treeEntriesJson(tree, '', recursive),
      truncated: false,
    });
  }

  /**
   * `POST /repos/{owner}/{repo}/git/trees`: the base tree with entries
   * written (`content` or `sha`) or removed (`sha: null`).
   */
  private async createTree(body: {
    base_tree?: string;
    tree?: Array<{
      path?: string;
      mode?: string;
      type?: string;
      sha?: string | null;
      content?: string;
    }>;
  }): Promise<Reply> {
    if (!Array.isArray(body.tree)) {
      throw new GithubError(
        422,
        'Invalid request.\n\n"tree" wasn\'t supplied.',
      );
    }
    let files = new Map<string, FileEntry>();
    if (body.base_tree !== undefined) {
      if (!(await this.repository.isTree(body.base_tree))) {
        throw new GithubError(422, 'Invalid tree info');
      }
      files = await this.repository.files(body.base_tree);
    }
    for (const entry of body.tree) {
      const path = entry.path ?? '';
      if (path.split('/').some(s => s === '' || s === '.' || s === '..')) {
        throw new GithubError(
          422,
          'tree.path contains a malformed path component',
        );
      }
      if (!['100644', '100755', '120000'].includes(entry.mode ?? '')) {
        throw new GithubError(422, 'Invalid tree info');
      }
      const hasSha = 'sha' in entry;
      const hasContent = entry.content !== undefined;
      if (hasSha === hasContent) {
        throw new GithubError(
          422,
          'Must supply either tree.sha or tree.content. Request will be rejected if both are present.',
        );
      }
      if (entry.sha === null) {
        // Removing what is not there is not a no-op on GitHub.
        if (!files.has(path)) {
          throw new GithubError(422, 'GitRPC::BadObjectState');
        }
        files.delete(path);
        continue;
      }
      const oid = hasContent
        ? await this.repository.writeBlob(entry.content!)
        : entry.sha!;
      if (!hasContent && !(await this.repository.isBlob(oid))) {
        throw new GithubError(422, `tree.sha ${oid} is not a valid blob`);
      }
      files.set(path, { mode: entry.mode!, oid, type: 'blob' });
    }
    const tree = await this.repository.writeTree(files);
    return created({
      sha: tree,
      url: this.apiUrl(`git/trees/${tree}`),
      tree: await this.treeEntriesJson(tree, '', false),
      truncated: false,
    });
  }

  /** `GET /repos/{owner}/{repo}/git/blobs/{file_sha}` */
  private async getBlob(sha: string): Promise<Reply> {
    if (!(await this.repository.isBlob(sha))) throw notFound();
    const blob = await this.repository.blob(sha);
    return ok({
      sha,
      node_id: `B_${sha}`,
      size: blob.byteLength,
      url: this.apiUrl(`git/blobs/${sha}`),
      content: base64Lines(blob),
      encoding: 'base64',
    });
  }

  /** `GET /repos/{owner}/{repo}/git/commits/{commit_sha}`: the commit object. */
  private async getGitCommit(sha: string): Promise<Reply> {
    if (!(await this.repository.isCommit(sha))) throw notFound();
    return ok(this.gitCommitJson(sha, await this.repository.commit(sha)));
  }

  /** `POST /repos/{owner}/{repo}/git/commits` */
  private async createCommit(body: {
    message?: string;
    tree?: string;
    parents?: string[];
    author?: { name: string; email: string; date?: string };
  }): Promise<Reply> {
    if (typeof body.message !== 'string' || typeof body.tree !== 'string') {
      throw new GithubError(422, 'Invalid request.');
    }
    if (!(await this.repository.isTree(body.tree))) {
      throw new GithubError(422, 'Tree SHA does not exist');
    }
    const parents = body.parents ?? [];
    for (const parent of parents) {
      if (!(await this.repository.isCommit(parent))) {
        throw new GithubError(
          422,
          'Parent SHA does not exist or is not a commit object',
        );
      }
    }
    const now = Math.floor(Date.now() / 1000);
    const author = body.author
      ? {
          name: body.author.name,
          email: body.author.email,
          timestamp: body.author.date
            ? Math.floor(Date.parse(body.author.date) / 1000)
            : now,
        }
      : { ...API_COMMITTER, timestamp: now };
    const oid = await this.repository.writeCommit({
      message: body.message,
      tree: body.tree,
      parent: parents,
      author: { ...author, timezoneOffset: 0 },
      committer: { ...API_COMMITTER, timestamp: now, timezoneOffset: 0 },
    });
    return created(this.gitCommitJson(oid, await this.repository.commit(oid)));
  }

  /**
   * `GET /repos/{owner}/{repo}/commits`: the history of `sha` (default: the
   * default branch), only the commits that changed `path` when given.
   */
  private async listCommits(query: URLSearchParams, url: URL): Promise<Reply> {
    await this.requireCommits();
    const ref = query.get('sha') || this.defaultBranch;
    const head = await this.repository.resolve(ref);
    if (!head) throw new GithubError(404, `No commit found for SHA: ${ref}`);
    const path = (query.get('path') ?? '').replace(/^\/+|\/+$/g, '');
    const history = [];
    for (const { oid, commit } of await this.repository.history(head)) {
      if (path && !(await this.repository.changes(oid, commit, path))) {
        continue;
      }
      history.push(this.commitJson(oid, commit));
    }
    return paginated(history, query, url, 30);
  }

  /**
   * `GET /repos/{owner}/{repo}/commits/{ref}`: a commit with the files it
   * changed against its first parent, renames detected, the files
   * paginated.
   */
  private async getCommit(
    ref: string,
    query: URLSearchParams,
    url: URL,
  ): Promise<Reply> {
    await this.requireCommits();
    const oid = await this.repository.resolve(ref);
    if (!oid) throw new GithubError(422, `No commit found for SHA: ${ref}`);
    const commit = await this.repository.commit(oid);
    const files = await this.repository.diff(commit.parent[0], commit.tree);
    const page = paginated(files, query, url, 300);
    return {
      ...page,
      body: { ...this.commitJson(oid, commit), files: page.body },
    };
  }

  /** `GET /repos/{owner}/{repo}/contents/{path}?ref=` */
  private async getContents(path: string, ref: string | null): Promise<Reply> {
    await this.requireCommits();
    const name = ref ?? this.defaultBranch;
    const commit = await this.repository.resolve(name);
    if (!commit) {
      throw new GithubError(404, `No commit found for the ref ${name}`);
    }
    const trimmed = path.replace(/^\/+|\/+$/g, '');
    const entry = trimmed
      ? await this.repository.entryAt(commit, trimmed)
      : {
          type: 'tree' as const,
          oid: (await this.repository.commit(commit)).tree,
          mode: '040000',
        };
    if (!entry) throw notFound();
    if (entry.type === 'tree') {
      return ok(await this.treeEntriesJson(entry.oid, trimmed, false, true));
    }
    const blob = await this.repository.blob(entry.oid);
    const included = blob.byteLength <= CONTENTS_MAX_BYTES;
    return ok({
      type: 'file',
      name: trimmed.split('/').pop(),
      path: trimmed,
      sha: entry.oid,
      size: blob.byteLength,
      encoding: included ? 'base64' : 'none',
      content: included ? base64Lines(blob) : '',
    });
  }

  /** `GET /repos/{owner}/{repo}/pulls?head=owner`:branch&base=&state= */
  private async listPullRequests(query: URLSearchParams): Promise<Reply> {
    const state = query.get('state') ?? 'open';
    const head = query.get('head');
    const base = query.get('base');
    return ok(
      this.pullRequests
        .filter(p => state === 'all' || p.state === state)
        .filter(p => !head || `${this.options.owner}:${p.head}` === head)
        .filter(p => !base || p.base === base)
        .map(p => this.pullRequestJson(p)),
    );
  }

  /** `POST /repos/{owner}/{repo}/pulls` */
  private async createPullRequest(body: {
    head?: string;
    base?: string;
    title?: string;
    body?: string;
  }): Promise<Reply> {
    const invalid = (field: string) =>
      new GithubError(422, 'Validation Failed', [
        { resource: 'PullRequest', field, code: 'invalid' },
      ]);
    const custom = (message: string) =>
      new GithubError(422, 'Validation Failed', [
        { resource: 'PullRequest', code: 'custom', message },
      ]);
    const head = (body.head ?? '').replace(`${this.options.owner}:`, '');
    const base = body.base ?? '';
    const headCommit = await this.repository.branchHead(head);
    const baseCommit = await this.repository.branchHead(base);
    if (!headCommit) throw invalid('head');
    if (!baseCommit) throw invalid('base');
    if (!body.title) throw invalid('title');
    const existing = this.pullRequests.find(
      p => p.state === 'open' && p.head === head && p.base === base,
    );
    if (existing) {
      throw custom(
        `A pull request already exists for ${this.options.owner}:${head}.`,
      );
    }
    if (
      headCommit === baseCommit ||
      (await this.repository.descends(baseCommit, headCommit))
    ) {
      throw custom(`No commits between ${base} and ${head}`);
    }
    const pullRequest: FakePullRequest = {
      number: this.pullRequests.length + 1,
      title: body.title,
      body: body.body ?? '',
      head,
      base,
      state: 'open',
    };
    this.pullRequests.push(pullRequest);
    return created(this.pullRequestJson(pullRequest));
  }

  // ------------------------------------------------------------------
  // JSON, as GitHub shapes it

  /** GitHub answers 409 for the git data of a repository without commits. */
  private async requireCommits(): Promise<void> {
    if (!(await this.repository.branchHead(this.defaultBranch))) {
      throw new GithubError(409, 'Git Repository is empty.');
    }
  }

  private apiUrl(path: string): string {
    const { owner, repo } = this.options;
    return `${this.apiBaseUrl}/repos/${owner}/${repo}/${path}`;
  }

  private htmlUrl(path = ''): string {
    const { owner, repo } = this.options;
    const web = this.options.webBaseUrl ?? 'https://github.example.com';
    return `${web}/${owner}/${repo}${path}`;
  }

  private refJson(ref: string, sha: string) {
    return {
      ref,
      node_id: `REF_${ref}`,
      url: this.apiUrl(`git/${ref}`),
      object: { type: 'commit', sha, url: this.apiUrl(`git/commits/${sha}`) },
    };
  }

  private async treeEntriesJson(
    tree: string,
    prefix: string,
    recursive: boolean,
    contents = false,
  ): Promise<unknown[]> {
    const json: unknown[] = [];
    for (const entry of await this.repository.tree(tree)) {
      const path = joinPath(prefix, entry.path);
      const size =
        entry.type === 'blob'
          ? (await this.repository.blob(entry.oid)).byteLength
          : undefined;
      json.push(
        contents
          ? {
              type: entry.type === 'tree' ? 'dir' : 'file',
              name: entry.path,
              path,
              sha: entry.oid,
              size: size ?? 0,
            }
          : {
              path: recursive ? path : entry.path,
              mode: entry.mode,
              type: entry.type,
              sha: entry.oid,
              ...(size !== undefined && { size }),
              url: this.apiUrl(`git/${entry.type}s/${entry.oid}`),
            },
      );
      if (recursive && entry.type === 'tree') {
        json.push(...(await this.treeEntriesJson(entry.oid, path, true)));
      }
    }
    return json;
  }

  /** A commit as the git data API shows it. */
  private gitCommitJson(sha: string, commit: CommitObject) {
    return {
      sha,
      node_id: `C_${sha}`,
      url: this.apiUrl(`git/commits/${sha}`),
      html_url: this.htmlUrl(`/commit/${sha}`),
      author: signatureJson(commit.author),
      committer: signatureJson(commit.committer),
      tree: { sha: commit.tree, url: this.apiUrl(`git/trees/${commit.tree}`) },
      message: commit.message,
      parents: commit.parent.map(parent => ({
        sha: parent,
        url: this.apiUrl(`git/commits/${parent}`),
        html_url: this.htmlUrl(`/commit/${parent}`),
      })),
    };
  }

  /** A commit as the repository's commits API shows it. */
  private commitJson(sha: string, commit: CommitObject) {
    return {
      sha,
      node_id: `C_${sha}`,
      url: this.apiUrl(`commits/${sha}`),
      html_url: this.htmlUrl(`/commit/${sha}`),
      commit: {
        author: signatureJson(commit.author),
        committer: signatureJson(commit.committer),
        message: commit.message,
        tree: {
          sha: commit.tree,
          url: this.apiUrl(`git/trees/${commit.tree}`),
        },
      },
      parents: commit.parent.map(parent => ({
        sha: parent,
        url: this.apiUrl(`commits/${parent}`),
        html_url: this.htmlUrl(`/commit/${parent}`),
      })),
    };
  }

  private pullRequestJson(pullRequest: FakePullRequest) {
    const { owner } = this.options;
    return {
      number: pullRequest.number,
      state: pullRequest.state,
      title: pullRequest.title,
      body: pullRequest.body,
      url: this.apiUrl(`pulls/${pullRequest.number}`),
      html_url: this.htmlUrl(`/pull/${pullRequest.number}`),
      head: { ref: pullRequest.head, label: `${owner}:${pullRequest.head}` },
      base: { ref: pullRequest.base, label: `${owner}:${pullRequest.base}` },
    };
  }
}

// --------------------------------------------------------------------
// Helpers

function changeStatus(
  old: FileEntry | undefined,
  renamedFrom: string | undefined,
): string {
  if (renamedFrom) return 'renamed';
  return old ? 'modified' : 'added';
}

function joinPath(folder: string, path: string): string {
  return [folder, path].filter(Boolean).join('/');
}

/** Git sorts a tree's entries by name, a folder's name as if it ended in `/`. */
function gitTreeOrder(a: TreeEntry, b: TreeEntry): number {
  const key = (e: TreeEntry) => (e.type === 'tree' ? `${e.path}/` : e.path);
  return key(a) < key(b) ? -1 : 1;
}

/** Base64 wrapped at 60 characters, as GitHub sends file contents. */
function base64Lines(bytes: Uint8Array): string {
  const base64 = Buffer.from(bytes).toString('base64');
  return `${base64.match(/.{1,60}/g)?.join('\n') ?? ''}\n`;
}

function signatureJson(signature: {
  name: string;
  email: string;
  timestamp: number;
}) {
  return {
    name: signature.name,
    email: signature.email,
    date: new Date(signature.timestamp * 1000)
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z'),
  };
}

function ok(body: unknown): Reply {
  return { status: 200, body };
}

function created(body: unknown): Reply {
  return { status: 201, body };
}

/** One page of a list, with GitHub's `Link` header to the next and last. */
function paginated<T>(
  items: readonly T[],
  query: URLSearchParams,
  url: URL,
  defaultPerPage: number,
): { status: number; body: T[]; headers: Record<string, string> } {
  const perPage = Math.min(
    Number(query.get('per_page')) || defaultPerPage,
    Math.max(defaultPerPage, 100),
  );
  const page = Math.max(Number(query.get('page')) || 1, 1);
  const last = Math.max(Math.ceil(items.length / perPage), 1);
  const link = (n: number, rel: string) => {
    const target = new URL(url);
    target.searchParams.set('page', String(n));
    return `<${target}>; rel="${rel}"`;
  };
  const links = [
    ...(page < last ? [link(page + 1, 'next'), link(last, 'last')] : []),
    ...(page > 1 ? [link(1, 'first'), link(page - 1, 'prev')] : []),
  ];
  return {
    status: 200,
    body: items.slice((page - 1) * perPage, page * perPage),
    headers: links.length ? { link: links.join(', ') } : {},
  };
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}
