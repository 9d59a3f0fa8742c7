import { describe, expect, it } from 'vitest';
import { DEFAULT_REGION, localRegion } from '../../../functions/core/aws-region';

describe('the local runtime region', () => {
  it('is AWS_REGION when set, and us-east-1 when it is unset or empty', () => {
    expect(localRegion({ AWS_REGION: 'eu-west-1' })).toBe('eu-west-1');
    expect(localRegion({})).toBe(DEFAULT_REGION);
    expect(localRegion({ AWS_REGION: '' })).toBe('us-east-1');
    expect(localRegion({ AWS_REGION: '  ' })).toBe('us-east-1');
  });
});
