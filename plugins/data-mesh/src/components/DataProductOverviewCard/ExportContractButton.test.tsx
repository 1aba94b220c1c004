import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  helloWorldTotalSales,
  totalSales,
} from '../DataProductEntity/__testUtils__/totalSales';
import { renderWithEntity } from '../DataProductEntity/__testUtils__/renderWithEntity';
import { DataProductOverviewCard } from './DataProductOverviewCard';

const published = helloWorldTotalSales;

const YAML =
  'apiVersion: v3.1.0\nkind: DataContract\nid: hello-world.TotalSales\n';

describe('Export contract', () => {
  let clicked: Array<{ fileName: string; blob?: Blob }>;
  const createObjectURL = URL.createObjectURL;
  const revokeObjectURL = URL.revokeObjectURL;

  beforeEach(() => {
    clicked = [];
    const blobs = new Map<string, Blob>();
    URL.createObjectURL = (blob: Blob) => {
      const url = `blob:test/${blobs.size}`;
      blobs.set(url, blob);
      return url;
    };
    URL.revokeObjectURL = jest.fn();
    jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function click(this: HTMLAnchorElement) {
        clicked.push({ fileName: this.download, blob: blobs.get(this.href) });
      });
  });
  afterEach(() => {
    URL.createObjectURL = createObjectURL;
    URL.revokeObjectURL = revokeObjectURL;
    jest.restoreAllMocks();
  });

  // The Overview's recent reads, beside the button.
  const noReads = async () => ({
    windowDays: 30,
    since: '2026-11-06T09:00:00.000Z',
    totalReads: 0,
    readers: [],
  });

  it("downloads the product's ODCS contract as YAML named after its dataset", async () => {
    const getDatasetOdcs = jest.fn(async () => YAML);
    await renderWithEntity(<DataProductOverviewCard />, published, {
      getDatasetOdcs,
      getDatasetReads: noReads,
    });

    await userEvent.click(
      await screen.findByRole('button', { name: /Export contract/ }),
    );

    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(getDatasetOdcs).toHaveBeenCalledWith('hello-world', 'TotalSales');
    const [{ fileName, blob }] = clicked;
    expect(fileName).toBe('TotalSales.odcs.yaml');
    expect(blob?.type).toBe('application/yaml');
    expect(await blob!.text()).toBe(YAML);
    expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:test/0');
  });

  it('says why the contract could not be exported', async () => {
    await renderWithEntity(<DataProductOverviewCard />, published, {
      getDatasetReads: noReads,
      getDatasetOdcs: async () => {
        throw new Error(
          "The dataset 'TotalSales' of 'hello-world' is internal: only its owners and the platform team may export its contract",
        );
      },
    });

    await userEvent.click(
      await screen.findByRole('button', { name: /Export contract/ }),
    );

    expect(await screen.findByRole('alert')).toHaveTextContent(
      "The contract could not be exported: The dataset 'TotalSales' of 'hello-world' is internal",
    );
    expect(clicked).toEqual([]);
  });

  it('is not offered for a product no data project publishes', async () => {
    await renderWithEntity(<DataProductOverviewCard />, totalSales);

    expect(await screen.findByText('Data product')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /Export contract/ }),
    ).not.toBeInTheDocument();
  });
});
