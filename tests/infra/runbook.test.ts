import { readFileSync } from 'node:fs';
import { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { describe, expect, it } from 'vitest';
import { synthNewswatch } from './synth';

/** docs/operations.md explains every alarm the stacks create, under a heading that names it. */
describe('operations runbook', () => {
  it('has a section for every alarm of both stacks', () => {
    const { stateful, stateless } = synthNewswatch({ alertEmails: 'ops@example.com' });
    const alarmIds = [stateful, stateless].flatMap((stack) =>
      stack.node
        .findAll()
        .filter((c) => c instanceof Alarm)
        .map((c) => c.node.id),
    );
    const headings = readFileSync(new URL('../../docs/operations.md', import.meta.url), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('### '));

    expect(alarmIds.length).toBeGreaterThan(0);
    for (const id of alarmIds) {
      expect(
        headings.some((h) => h.includes(`\`${id}\``)),
        `alarm ${id} has no section in docs/operations.md`,
      ).toBe(true);
    }
  });
});
