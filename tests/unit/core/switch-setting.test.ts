import { afterEach, describe, expect, it, vi } from 'vitest';
import { switchSetting } from '../../../functions/core/text/switch-setting';
import { fastPathEnabled } from '../../../functions/local/dynamo/document-fast-path';
import { dynaliteShortcuts } from '../../../functions/local/dynamo/dynalite-server';
import { inOwnThread } from '../../../functions/local/dynamo/dynamo-thread';
import { inProcessTableClients } from '../../../functions/local/dynamo/in-process-handler';
import { snsInProcess } from '../../../functions/local/sns/sns-fast-path';
import { config } from '../../../functions/handlers/settings';
import { debugStartup } from '../../../functions/local/startup-errors';

describe('switchSetting', () => {
  it('reads the usual spellings of off and on in any case, the fallback when unset or empty', () => {
    for (const value of ['off', 'false', '0', 'no', 'OFF', 'False', ' No ']) expect(switchSetting('X', value, true), value).toBe(false);
    for (const value of ['on', 'true', '1', 'yes', 'ON', 'True', ' YES ']) expect(switchSetting('X', value, false), value).toBe(true);
    expect(switchSetting('X', undefined, true)).toBe(true);
    expect(switchSetting('X', ' ', false)).toBe(false);
  });

  it('refuses any other value, naming the variable, the spellings it takes and the value', () => {
    for (const value of ['flase', 'disabled', '2', 'of f'])
      expect(() => switchSetting('SOME_SWITCH', value, true), value).toThrow(
        `SOME_SWITCH must be off (off, false, 0, no) or on (on, true, 1, yes), not "${value}"`,
      );
  });
});

/** Every NEWSWATCH_* on/off variable the local runtime reads: `false` was taken as on (only `off` was off). */
describe.each([
  ['NEWSWATCH_DYNAMO_THREAD', inOwnThread, true],
  ['NEWSWATCH_DYNAMO_IN_PROCESS', inProcessTableClients, true],
  ['NEWSWATCH_DYNAMO_FAST_PATH', fastPathEnabled, true],
  ['NEWSWATCH_DYNAMO_SHORTCUTS', dynaliteShortcuts, true],
  ['NEWSWATCH_SNS_IN_PROCESS', snsInProcess, true],
  ['NEWSWATCH_STORY_CLUSTERING', config.clusterStories, true],
  ['NEWSWATCH_DEBUG', debugStartup, false],
])('%s', (name, read, fallback) => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('is off for every spelling of off, on for every spelling of on, its default when unset', () => {
    vi.stubEnv(name, undefined);
    expect(read()).toBe(fallback);
    for (const value of ['off', 'false', 'FALSE', '0', 'no']) {
      vi.stubEnv(name, value);
      expect(read(), value).toBe(false);
    }
    for (const value of ['on', 'true', 'True', '1', 'yes']) {
      vi.stubEnv(name, value);
      expect(read(), value).toBe(true);
    }
  });

  it('refuses a value that is neither, naming the variable', () => {
    vi.stubEnv(name, 'maybe');
    expect(read).toThrow(`${name} must be off (off, false, 0, no) or on (on, true, 1, yes), not "maybe"`);
  });
});
