/**
 * What `newswatch smoke` found: one entry per step (with its time, what it saw and, on failure, the
 * likely cause), and the lines a human reads.
 */
export interface StepResult {
  name: string;
  ok: boolean;
  ms: number;
  /** What the step saw, e.g. "201 in 84 ms, tagged smoke-1a2b3c4d". */
  detail?: string;
  /** On failure: the likely causes, most likely first. */
  causes?: string[];
  /** What is left for the operator to do by hand (a leftover cleanup failed to remove). */
  todo?: string[];
}

export interface SmokeReport {
  target: string;
  steps: StepResult[];
  /** Timings worth a line of their own (ingest status, ingest-to-alert latency). */
  measures: Record<string, string>;
  totalMs: number;
}

export const passed = (report: SmokeReport): boolean => report.steps.length > 0 && report.steps.every((s) => s.ok);

const NAME_WIDTH = 37;

function seconds(ms: number): string {
  return ms < 1_000 ? `${Math.round(ms)} ms` : `${(ms / 1_000).toFixed(1)} s`;
}

/** The first line, printed before any step runs. */
export function formatHeader(target: string): string {
  return `newswatch smoke: ${target}\n`;
}

/** A step's line, with its likely causes and what is left to do by hand; printed as the step ends. */
export function formatStep(step: StepResult): string {
  const head = `  ${step.ok ? 'ok  ' : 'FAIL'} ${step.name.padEnd(NAME_WIDTH)} ${seconds(step.ms).padStart(7)}`;
  const lines = [step.detail ? `${head}  ${step.detail}` : head];
  for (const cause of step.causes ?? []) lines.push(`         likely cause: ${cause}`);
  for (const todo of step.todo ?? []) lines.push(`         ${todo}`);
  return `${lines.join('\n')}\n`;
}

/** The measures, then the verdict (PASS only when every step passed). */
export function formatEnd(report: SmokeReport): string {
  const lines = Object.entries(report.measures).map(([name, value]) => `  ${name}: ${value}`);
  const failed = report.steps.filter((s) => !s.ok).map((s) => s.name);
  lines.push(
    passed(report)
      ? `PASS: every step passed in ${seconds(report.totalMs)}`
      : `FAIL: ${failed.join(', ') || 'no step ran'} (${seconds(report.totalMs)})`,
  );
  return `${lines.join('\n')}\n`;
}

/** The whole report: the header, one line per step, the measures, then the verdict. */
export function formatReport(report: SmokeReport): string {
  return formatHeader(report.target) + report.steps.map(formatStep).join('') + formatEnd(report);
}
