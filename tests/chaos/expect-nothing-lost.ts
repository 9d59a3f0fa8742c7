import type { ExpectStatic } from 'vitest';
import { formatResult, type ScenarioResult } from './scenarios';

/** The chaos targets: nothing lost, repeats only with the same alertId, no 5xx; prints the scenario's figures. */
export function expectNothingLost(expect: ExpectStatic, result: ScenarioResult): void {
  process.stdout.write(`${formatResult(result)}\n`);
  expect(result.accepted).toBeGreaterThan(0);
  expect(result).toMatchObject({ articlesLost: 0, alertsLost: 0, repeatsWithNewAlertId: 0, serverErrors: 0 });
  expect(result.delivered).toBe(result.accepted);
}
