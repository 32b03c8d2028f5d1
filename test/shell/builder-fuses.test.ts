// The packaged app's Electron fuses, read from electron-builder.yml by electron-builder's own config
// loader and turned into fuse wires by its own packager code (electron-builder cannot package here).
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { PlatformPackager } from 'app-builder-lib';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { Lazy } from 'lazy-val';
import { describe, expect, it } from 'vitest';

describe('electron-builder.yml', () => {
  it('is a valid configuration whose fuses turn off Node entry points and load only the checked app.asar', async () => {
    const config = await getConfig(process.cwd(), 'electron-builder.yml', null, new Lazy(async () => ({})));
    await validateConfiguration(config, new DebugLogger(false));
    // The fuses below need the app inside an asar archive (the default).
    expect(config.asar).not.toBe(false);
    const wires = await (PlatformPackager.prototype as unknown as {
      generateFuseConfig(f: unknown): Promise<Record<string | number, unknown>>;
    }).generateFuseConfig.call({}, config.electronFuses);
    expect(wires.version).toBe(FuseVersion.V1);
    expect({
      RunAsNode: wires[FuseV1Options.RunAsNode],
      EnableNodeOptionsEnvironmentVariable: wires[FuseV1Options.EnableNodeOptionsEnvironmentVariable],
      EnableNodeCliInspectArguments: wires[FuseV1Options.EnableNodeCliInspectArguments],
      EnableEmbeddedAsarIntegrityValidation: wires[FuseV1Options.EnableEmbeddedAsarIntegrityValidation],
      OnlyLoadAppFromAsar: wires[FuseV1Options.OnlyLoadAppFromAsar],
      EnableCookieEncryption: wires[FuseV1Options.EnableCookieEncryption],
    }).toEqual({
      RunAsNode: false,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      EnableCookieEncryption: true,
    });
  });
});
