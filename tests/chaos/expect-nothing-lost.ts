import type { ExpectStatic } from 'vitest';
import { formatResult, type ScenarioResult } from './scenarios';

/** The chaos targets: nothing lost, repeats only with the same alertId, no 5xx; a miss shows the scenario's figures. */
export function expectNothingLost(expect: ExpectStatic, result: ScenarioResult): void {
  const figures = formatResult(result);
  expect(result.accepted, figures).toBeGreaterThan(0);
  expect(result, figures).toMatchObject({ articlesLost: 0, alertsLost: 0, repeatsWithNewAlertId: 0, serverErrors: 0 });
  expect(result.delivered, figures).toBe(result.accepted);
}
