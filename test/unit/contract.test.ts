import { describe, expect, it } from 'vitest';
import { apiName } from '../../shared/ipc/contract';

describe('IPC contract names', () => {
  it('turns channel names into camelCase API function names', () => {
    expect(apiName('source:inspect')).toBe('sourceInspect');
    expect(apiName('dialog:open-source')).toBe('dialogOpenSource');
  });
});
