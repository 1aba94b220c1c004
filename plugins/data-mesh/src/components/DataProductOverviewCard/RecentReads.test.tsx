import { screen, within } from '@testing-library/react';
import { DatasetReads } from '../../api';
import { renderWithEntity } from '../DataProductEntity/__testUtils__/renderWithEntity';
import {
  helloWorldTotalSales,
  totalSales,
} from '../DataProductEntity/__testUtils__/totalSales';
import { DataProductOverviewCard } from './DataProductOverviewCard';

const measured = helloWorldTotalSales;

const field = () => screen.getByRole('group', { name: 'Recent reads' });

function readsOf(readers: DatasetReads['readers']): DatasetReads {
  return {
    windowDays: 30,
    since: '2026-11-06T09:00:00.000Z',
    totalReads: readers.reduce((sum, r) => sum + r.reads, 0),
    readers,
  };
}

describe('the recent reads on the Overview', () => {
  it('counts the reads and names the readers, users linked', async () => {
    const getDatasetReads = jest.fn(async () =>
      readsOf([
        {
          kind: 'user',
          reader: 'user:default/fiona',
          via: 'sample',
          reads: 3,
          lastReadAt: '2026-12-05T09:00:00.000Z',
        },
        {
          kind: 'pipeline',
          reader: 'ComputeSales',
          via: 'job-run',
          reads: 1,
          lastReadAt: '2026-12-04T06:00:00.000Z',
        },
      ]),
    );
    await renderWithEntity(<DataProductOverviewCard />, measured, {
      getDatasetReads,
    });

    const readers = await within(field()).findByRole('list', {
      name: 'Recent readers',
    });
    expect(getDatasetReads).toHaveBeenCalledWith('hello-world', 'TotalSales');
    expect(field()).toHaveTextContent('4 reads in 30 days by 2 readers');
    const items = within(readers).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(
      within(items[0]).getByRole('link', { name: 'fiona' }),
    ).toHaveAttribute('href', '/catalog/default/user/fiona');
    expect(items[0]).toHaveTextContent('sampled it 3 times');
    expect(items[1]).toHaveTextContent(
      'pipeline ComputeSales read it in a run once',
    );
  });

  it('names five readers and counts the rest', async () => {
    const readers = Array.from({ length: 7 }, (_, i) => ({
      kind: 'user' as const,
      reader: `user:default/reader-${i}`,
      via: 'sample' as const,
      reads: 1,
      lastReadAt: '2026-12-05T09:00:00.000Z',
    }));
    await renderWithEntity(<DataProductOverviewCard />, measured, {
      getDatasetReads: async () => readsOf(readers),
    });

    const list = await within(field()).findByRole('list', {
      name: 'Recent readers',
    });
    expect(within(list).getAllByRole('listitem')).toHaveLength(5);
    expect(field()).toHaveTextContent('7 reads in 30 days by 7 readers');
    expect(field()).toHaveTextContent('and 2 more');
  });

  it('says so when nobody read it lately', async () => {
    await renderWithEntity(<DataProductOverviewCard />, measured, {
      getDatasetReads: async () => readsOf([]),
    });
    expect(
      await within(field()).findByText('No reads in the last 30 days'),
    ).toBeInTheDocument();
  });

  it('shows progress while loading', async () => {
    await renderWithEntity(<DataProductOverviewCard />, measured, {
      getDatasetReads: () => new Promise(() => {}),
    });
    expect(await within(field()).findByRole('progressbar')).toBeInTheDocument();
  });

  it('shows the error when the reads cannot be loaded', async () => {
    await renderWithEntity(<DataProductOverviewCard />, measured, {
      getDatasetReads: async () => {
        throw new Error('the backend is down');
      },
    });
    expect(
      await within(field()).findByText('the backend is down'),
    ).toBeInTheDocument();
    expect(field()).toHaveTextContent('Could not load the reads');
  });

  it('says a product no data project produces is not measured, without asking', async () => {
    const getDatasetReads = jest.fn();
    await renderWithEntity(<DataProductOverviewCard />, totalSales, {
      getDatasetReads,
    });
    expect(
      await within(
        await screen.findByRole('group', { name: 'Recent reads' }),
      ).findByText('Not measured: no data project produces it'),
    ).toBeInTheDocument();
    expect(getDatasetReads).not.toHaveBeenCalled();
  });
});
