import { describe, expect, it } from 'vitest';
import { dailyDigestHour, dueDeliveries } from '../../../../functions/core/digests/digest';

const at = (hour: number) => new Date(Date.UTC(2026, 0, 1, hour, 0, 5));

describe('the digest schedule', () => {
  it('sends hourly digests every hour and daily ones at 07:00 UTC by default', () => {
    expect(dueDeliveries(at(6))).toEqual(['hourly']);
    expect(dueDeliveries(at(7))).toEqual(['hourly', 'daily']);
  });

  it('sends the daily digests at the configured hour instead', () => {
    const hour = dailyDigestHour('18');
    expect(dueDeliveries(at(7), hour)).toEqual(['hourly']);
    expect(dueDeliveries(at(18), hour)).toEqual(['hourly', 'daily']);
  });

  it('reads an unset or empty setting as 07:00 and refuses anything but a whole hour 0-23', () => {
    expect(dailyDigestHour(undefined)).toBe(7);
    expect(dailyDigestHour(' ')).toBe(7);
    expect(dailyDigestHour('0')).toBe(0);
    for (const bad of ['24', '-1', '7.5', 'seven', '0x7', '7e0', '7.0'])
      expect(() => dailyDigestHour(bad)).toThrow(/whole UTC hour from 0 to 23/);
  });
});
