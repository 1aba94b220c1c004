import {
  UrlReaderService,
  UrlReaderServiceReadTreeOptions,
} from '@backstage/backend-plugin-api';
import { NotModifiedError } from '@backstage/errors';
import { UrlReaderProjectSource } from './UrlReaderProjectSource';

const URL = 'https://github.com/acme/sales/tree/main/hello-world';

/**
 * A repository behind a URL: its files at a commit, served the way the
 * SCM readers serve them (the commit as etag, NotModifiedError for it).
 */
function fakeRepository(files: Record<string, string>) {
  const repository = {
    files,
    commit: 'c1',
    requests: [] as UrlReaderServiceReadTreeOptions[],
    /** Files the reader downloaded (those the filter let through). */
    downloads: [] as string[],
  };
  const reader: UrlReaderService = {
    async readUrl() {
      throw new Error('not used');
    },
    async search() {
      throw new Error('not used');
    },
    async readTree(url, options = {}) {
      expect(url).toBe(URL);
      repository.requests.push(options);
      if (options.etag === repository.commit) throw new NotModifiedError();
      const entries = Object.entries(repository.files).filter(
        ([path, text]) =>
          options.filter?.(path, { size: Buffer.byteLength(text) }) ?? true,
      );
      return {
        etag: repository.commit,
        async files() {
          return entries.map(([path, text]) => ({
            path,
            async content() {
              repository.downloads.push(path);
              return Buffer.from(text);
            },
          }));
        },
        async archive() {
          throw new Error('not used');
        },
        async dir() {
          throw new Error('not used');
        },
      };
    },
  };
  return { repository, reader };
}

describe('UrlReaderProjectSource', () => {
  it('reads the project files of the tree, sorted, and nothing else', async () => {
    const { reader, repository } = fakeRepository({
      'pipelines/b.pipeline.yaml': 'b',
      'meshwork.yaml': 'name: hello-world',
      'generated/sql/b.sql': 'SELECT 1',
      'README.md': '# readme',
      'pipelines/.b.pipeline.yaml.swp': 'half',
      '.github/workflows/ci.yml': 'on: push',
      'node_modules/x/index.js': 'x',
    });
    const source = new UrlReaderProjectSource(reader, URL);
    expect(source.location).toBe(URL);

    const all = await source.read();
    expect(all.files).toEqual([
      { path: 'generated/sql/b.sql', text: 'SELECT 1' },
      { path: 'meshwork.yaml', text: 'name: hello-world' },
      { path: 'pipelines/b.pipeline.yaml', text: 'b' },
    ]);
    expect(all.etag).toBe('c1');
    const sources = await source.read({ sourcesOnly: true });
    expect(sources.files.map(f => f.path)).toEqual([
      'meshwork.yaml',
      'pipelines/b.pipeline.yaml',
    ]);
    expect(repository.downloads.sort()).toEqual([
      'generated/sql/b.sql',
      'meshwork.yaml',
      'meshwork.yaml',
      'pipelines/b.pipeline.yaml',
      'pipelines/b.pipeline.yaml',
    ]);
  });

  it('asks with the last etag and reuses the last read while the tree is unchanged', async () => {
    const { reader, repository } = fakeRepository({ 'meshwork.yaml': 'v1' });
    let now = 0;
    const source = new UrlReaderProjectSource(reader, URL, {
      recheckAfterMs: 10_000,
      now: () => now,
    });
    const first = await source.read({ sourcesOnly: true });
    expect(repository.requests[0].etag).toBeUndefined();

    // Within the window, the last read without asking.
    now = 9_999;
    expect(await source.read({ sourcesOnly: true })).toBe(first);
    expect(repository.requests).toHaveLength(1);

    now = 10_000;
    expect(await source.read({ sourcesOnly: true })).toBe(first);
    expect(repository.requests[1].etag).toBe('c1');
    expect(repository.downloads).toEqual(['meshwork.yaml']);

    repository.files = { 'meshwork.yaml': 'v2' };
    repository.commit = 'c2';
    now = 20_000;
    const second = await source.read({ sourcesOnly: true });
    expect(second).toEqual({
      files: [{ path: 'meshwork.yaml', text: 'v2' }],
      etag: 'c2',
    });
  });

  it('shares one request among concurrent reads', async () => {
    const { reader, repository } = fakeRepository({ 'meshwork.yaml': 'v1' });
    const source = new UrlReaderProjectSource(reader, URL);
    const reads = await Promise.all([source.read(), source.read()]);
    expect(reads[0]).toBe(reads[1]);
    expect(repository.requests).toHaveLength(1);
  });

  it('skips files larger than a project file can be', async () => {
    const { reader, repository } = fakeRepository({
      'meshwork.yaml': 'name: p',
      'pipelines/huge.pipeline.yaml': 'x'.repeat(5_000_001),
    });
    const source = new UrlReaderProjectSource(reader, URL);
    const { files } = await source.read();
    expect(files.map(f => f.path)).toEqual(['meshwork.yaml']);
    expect(repository.downloads).toEqual(['meshwork.yaml']);
  });

  it('checks paths and sizes itself when a reader ignores the filter', async () => {
    const { reader } = fakeRepository({});
    const unfiltered: UrlReaderService = {
      ...reader,
      async readTree() {
        return {
          etag: 'c1',
          async files() {
            return [
              { path: 'README.md', content: async () => Buffer.from('r') },
              {
                path: 'pipelines/huge.pipeline.yaml',
                content: async () => Buffer.alloc(5_000_001, 'x'),
              },
              { path: 'meshwork.yaml', content: async () => Buffer.from('m') },
            ];
          },
          archive: reader.readTree as never,
          dir: reader.readTree as never,
        };
      },
    };
    const { files } = await new UrlReaderProjectSource(unfiltered, URL).read();
    expect(files).toEqual([{ path: 'meshwork.yaml', text: 'm' }]);
  });

  it('passes on a failure to read, and a NotModifiedError without a read to reuse', async () => {
    const { reader } = fakeRepository({});
    const failing: UrlReaderService = {
      ...reader,
      readTree: jest
        .fn()
        .mockRejectedValueOnce(new Error('Request failed with 404 Not Found'))
        .mockRejectedValueOnce(new NotModifiedError()),
    };
    const source = new UrlReaderProjectSource(failing, URL);
    await expect(source.read()).rejects.toThrow('404 Not Found');
    await expect(source.read()).rejects.toThrow(NotModifiedError);
  });
});
