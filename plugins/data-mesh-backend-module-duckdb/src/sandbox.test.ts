import { ConfigReader } from '@backstage/config';
import { readDuckDbLimits, sandboxedInstanceOptions } from './sandbox';
import { WarehouseConfigError } from './WarehouseConfigError';

function limitsOf(duckdb: object) {
  return readDuckDbLimits(
    new ConfigReader({ dataMesh: { engines: { duckdb } } }),
  );
}

describe('readDuckDbLimits', () => {
  it('has defaults for the limits the config leaves out', () => {
    expect(limitsOf({ path: 'w.duckdb' })).toEqual({
      memoryLimit: '2GB',
      threads: 2,
      maxTempDirectorySize: '10GB',
    });
  });

  it('reads the configured limits, numbers from environment variables too', () => {
    expect(
      limitsOf({
        memoryLimit: ' 512 MiB ',
        threads: '4',
        maxTempDirectorySize: '1.5TB',
      }),
    ).toEqual({
      memoryLimit: '512 MiB',
      threads: 4,
      maxTempDirectorySize: '1.5TB',
    });
  });

  it.each([
    ['memoryLimit', '80%'],
    ['memoryLimit', '-1'],
    ['memoryLimit', '0GB'],
    ['memoryLimit', '512KB'],
    ['memoryLimit', 2048],
    ['threads', 0],
    ['threads', -2],
    ['threads', '2.5'],
    ['maxTempDirectorySize', 'unlimited'],
  ])('refuses %s %j with a line that names the key', (key, value) => {
    expect(() => limitsOf({ [key]: value })).toThrow(WarehouseConfigError);
    expect(() => limitsOf({ [key]: value })).toThrow(
      new RegExp(`^dataMesh\\.engines\\.duckdb\\.${key}: [^\\n]+$`),
    );
  });
});

describe('sandboxedInstanceOptions', () => {
  it('locks the configuration with external access and extensions off', () => {
    expect(
      sandboxedInstanceOptions({
        memoryLimit: '1GB',
        threads: 3,
        maxTempDirectorySize: '5GB',
      }),
    ).toEqual({
      enable_external_access: 'false',
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
      allow_community_extensions: 'false',
      allow_unsigned_extensions: 'false',
      allow_persistent_secrets: 'false',
      allow_unredacted_secrets: 'false',
      memory_limit: '1GB',
      threads: '3',
      max_temp_directory_size: '5GB',
      lock_configuration: 'true',
    });
  });
});
