import { describe, expect, it } from 'vitest';
import { portClash } from '../../../functions/cli/support/port-clash';

const ports = (api: number, sns: number, dynamodb: number) => ({
  'PORT (--port)': api,
  'NEWSWATCH_SNS_PORT (--sns-port)': sns,
  'NEWSWATCH_DYNAMODB_PORT (--dynamodb-port)': dynamodb,
});

describe('the runtime ports', () => {
  it('names both settings when two servers are given one port', () => {
    expect(portClash(ports(4000, 4000, 0))).toBe(
      'PORT (--port) and NEWSWATCH_SNS_PORT (--sns-port) are both 4000: give each server its own port',
    );
    expect(portClash(ports(3000, 4566, 4566))).toContain(
      'NEWSWATCH_SNS_PORT (--sns-port) and NEWSWATCH_DYNAMODB_PORT (--dynamodb-port) are both 4566',
    );
  });

  it('takes distinct ports, and any number of 0s (each any free port)', () => {
    expect(portClash(ports(3000, 4566, 0))).toBeUndefined();
    expect(portClash(ports(0, 0, 0))).toBeUndefined();
  });
});
