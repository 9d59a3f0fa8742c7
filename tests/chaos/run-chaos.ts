/**
 * `npm run test:chaos`: every fault scenario at full size against the real local runtime, each in its
 * own process (the handlers are loaded once per process), one printout per scenario; exits 1 when any
 * target is missed (0 lost, repeats only with the same alertId, 0 5xx, no error body echoing input).
 * Takes several minutes. Small versions run in `npm test` (tests/integration/chaos-*.test.ts).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  denseAmongOrdinary,
  formatResult,
  fuzzEveryRoute,
  restartWithSubscriptions,
  reportProgress,
  type ScenarioResult,
  sigkillDuringPush,
  snsOutage,
} from './scenarios';

reportProgress();
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

type Scenario = (...sizes: number[]) => Promise<ScenarioResult & { echoes?: number; byStatus?: Record<number, number> }>;

/** Full sizes; `run-chaos.ts <name> <size>…` overrides them in order (e.g. `sigkill 200 2` to profile). */
const scenarios: Record<string, Scenario> = {
  sigkill: (articles = 1_000, kills = 3) => sigkillDuringPush(articles, kills),
  outage: (outageMs = 60_000, articles = 100) => snsOutage(outageMs, articles),
  dense: (mentions = 1_000, ordinary = 100) => denseAmongOrdinary(mentions, ordinary),
  restart: (perSide = 100) => restartWithSubscriptions(perSide),
  fuzz: (count = 10_000, seed = 8) => fuzzEveryRoute(count, seed),
};

const one = process.argv[2];
if (one) {
  const scenario = scenarios[one];
  if (!scenario) throw new Error(`no scenario ${one}; one of ${Object.keys(scenarios).join(', ')}`);
  const result = await scenario(...process.argv.slice(3).map(Number));
  process.stdout.write(`${formatResult(result)}\n`);
  if (result.echoes !== undefined)
    process.stdout.write(`   error bodies echoing input: ${result.echoes}; statuses ${JSON.stringify(result.byStatus)}\n`);
  const missed =
    result.articlesLost > 0 ||
    result.alertsLost > 0 ||
    result.repeatsWithNewAlertId > 0 ||
    result.serverErrors > 0 ||
    (result.echoes ?? 0) > 0;
  process.exit(missed ? 1 : 0);
}

let failed = false;
for (const name of Object.keys(scenarios)) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), name], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  failed ||= run.status !== 0;
}
process.exit(failed ? 1 : 0);
