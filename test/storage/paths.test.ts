import path from 'node:path';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { defaultDbPath, userDataDir } from '../../electron/services/paths';

describe('paths', () => {
  it('follows Electron userData rules per platform', () => {
    expect(userDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toBe(path.join('C:\\Users\\a\\AppData\\Roaming', 'MiniCRM XML Sync'));
    expect(userDataDir({}, 'darwin')).toBe(path.join(os.homedir(), 'Library', 'Application Support', 'MiniCRM XML Sync'));
    expect(userDataDir({ XDG_CONFIG_HOME: '/x/cfg' }, 'linux')).toBe('/x/cfg/MiniCRM XML Sync');
    expect(userDataDir({}, 'linux')).toBe(path.join(os.homedir(), '.config', 'MiniCRM XML Sync'));
  });

  it('MINICRM_SYNC_HOME overrides the folder; the db file lives in it', () => {
    expect(defaultDbPath({ MINICRM_SYNC_HOME: '/tmp/home-x' }, 'linux')).toBe('/tmp/home-x/minicrm-sync.sqlite');
  });
});
