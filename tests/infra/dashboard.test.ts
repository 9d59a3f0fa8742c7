import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { METRICS_NAMESPACE, repoRoot, SERVICE_NAME } from '../../lib/constructs/project-function';
import { projectFunctions, synthNewswatch } from './synth';

/**
 * The operator dashboard: every graph an operator needs is there, and every metric on it exists —
 * either the application writes it (an `addMetric('Name', …)` in functions/, or Powertools' ColdStart
 * where a middy chain captures it) with the dimensions Powertools gives it, or AWS writes it for a
 * resource of these stacks (the dimension points at a function, API, queue, topic or table that the
 * templates define). A widget of a metric nobody writes fails here.
 */
let app: Template;
let data: Template;
let widgets: Widget[];

interface Widget {
  type: string;
  properties: { title?: string; metrics?: unknown[][] };
}

/** A CloudFormation reference inside the dashboard body, written as a marker so the body parses as JSON. */
function marker(token: Record<string, unknown>): string {
  if ('Ref' in token) return `@ref:${token.Ref}`;
  if ('Fn::GetAtt' in token) return `@getatt:${(token['Fn::GetAtt'] as string[]).join('.')}`;
  if ('Fn::ImportValue' in token) return `@import:${token['Fn::ImportValue']}`;
  throw new Error(`unexpected token in the dashboard body: ${JSON.stringify(token)}`);
}

function dashboardWidgets(template: Template): Widget[] {
  const [dashboard] = Object.values(template.findResources('AWS::CloudWatch::Dashboard')) as { Properties: { DashboardBody: any } }[];
  const [, parts] = dashboard!.Properties.DashboardBody['Fn::Join'] as [string, unknown[]];
  const body = parts.map((p) => (typeof p === 'string' ? p : marker(p as Record<string, unknown>))).join('');
  return JSON.parse(body).widgets;
}

/** Metric names the application code writes (Powertools EMF). */
function metricsWrittenByCode(): Set<string> {
  const names = new Set<string>();
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (path.endsWith('.ts')) {
        const text = readFileSync(path, 'utf8');
        for (const m of text.matchAll(/addMetric\(\s*'([A-Za-z0-9_]+)'/g)) names.add(m[1]!);
        if (/captureColdStartMetric:\s*true/.test(text)) names.add('ColdStart');
      }
    }
  };
  visit(join(repoRoot, 'functions'));
  return names;
}

function typeOf(template: Template, logicalId: string): string | undefined {
  return (template.toJSON().Resources as Record<string, { Type: string }>)[logicalId]?.Type;
}

/** What a dimension value refers to: a resource type (and attribute) of the app stack or, through an export, of the data stack. */
function referent(value: string): { type?: string; attribute?: string } {
  const [kind, target] = [value.slice(0, value.indexOf(':')), value.slice(value.indexOf(':') + 1)];
  if (kind === '@ref') return { type: typeOf(app, target) };
  if (kind === '@getatt') return { type: typeOf(app, target.split('.')[0]!), attribute: target.split('.')[1] };
  if (kind === '@import') {
    const outputs = Object.values(data.toJSON().Outputs ?? {}) as { Value: any; Export?: { Name: string } }[];
    const exported = outputs.find((o) => o.Export?.Name === target)?.Value;
    if (exported?.Ref) return { type: typeOf(data, exported.Ref) };
    if (exported?.['Fn::GetAtt']) return { type: typeOf(data, exported['Fn::GetAtt'][0]), attribute: exported['Fn::GetAtt'][1] };
  }
  return {};
}

interface MetricLine {
  widget: string;
  namespace: string;
  name: string;
  dimensions: Record<string, string>;
}

function metricLines(): MetricLine[] {
  return widgets.flatMap((w) =>
    (w.properties.metrics ?? []).map((line) => {
      const [namespace, name, ...rest] = line.filter((x) => typeof x === 'string') as string[];
      const dimensions: Record<string, string> = {};
      for (let i = 0; i + 1 < rest.length; i += 2) dimensions[rest[i]!] = rest[i + 1]!;
      return { widget: w.properties.title ?? '', namespace: namespace!, name: name!, dimensions };
    }),
  );
}

/** For each AWS namespace: the metrics AWS writes, and the dimension naming the resource (type, attribute) it writes them for. */
const AWS_METRICS: Record<string, { names: string[]; dimension: string; type: string; attribute?: string }> = {
  'AWS/Lambda': { names: ['Errors', 'Throttles', 'Duration', 'IteratorAge'], dimension: 'FunctionName', type: 'AWS::Lambda::Function' },
  'AWS/ApiGateway': { names: ['4xx', '5xx', 'Latency'], dimension: 'ApiId', type: 'AWS::ApiGatewayV2::Api' },
  'AWS/SQS': { names: ['ApproximateNumberOfMessagesVisible'], dimension: 'QueueName', type: 'AWS::SQS::Queue', attribute: 'QueueName' },
  'AWS/SNS': { names: ['NumberOfNotificationsFailed'], dimension: 'TopicName', type: 'AWS::SNS::Topic', attribute: 'TopicName' },
  'AWS/DynamoDB': { names: ['ReadThrottleEvents', 'WriteThrottleEvents'], dimension: 'TableName', type: 'AWS::DynamoDB::Table' },
};

beforeAll(() => {
  const { stateless, stateful } = synthNewswatch();
  app = Template.fromStack(stateless);
  data = Template.fromStack(stateful);
  widgets = dashboardWidgets(app);
});

describe('operator dashboard', () => {
  it('has a graph for everything an operator watches', () => {
    const titles = widgets.map((w) => w.properties.title);

    expect(titles).toEqual([
      'Alarms',
      'Articles in per minute',
      'API 4xx and 5xx per minute',
      'Ingest p99 (ms)',
      'Ingest to alert latency (ms)',
      'Alerts published per minute',
      'Stream iterator age (ms)',
      'Dead-letter queue depths',
      'SNS deliveries failed per minute',
      'DynamoDB throttled events per minute',
      'Lambda errors per minute',
      'Lambda throttles per minute',
      'Lambda cold starts per minute',
      'Sweeper findings per minute',
      'Feed polls and errors per minute',
    ]);
    expect(widgets.filter((w) => w.type === 'metric').every((w) => (w.properties.metrics ?? []).length > 0)).toBe(true);
  });

  it('shows only application metrics that the code writes, with the dimensions Powertools gives them', () => {
    const written = metricsWrittenByCode();
    const own = metricLines().filter((m) => m.namespace === METRICS_NAMESPACE);

    expect(own.length).toBeGreaterThan(0);
    for (const m of own) {
      expect(written, `${m.widget}: ${m.name}`).toContain(m.name);
      expect(m.dimensions.service, `${m.widget}: ${m.name}`).toBe(SERVICE_NAME);
      if (m.name === 'ColdStart') expect(referent(m.dimensions.function_name!).type).toBe('AWS::Lambda::Function');
      else expect(Object.keys(m.dimensions)).toEqual(['service']);
    }
  });

  it('shows only AWS metrics of resources these stacks define', () => {
    for (const m of metricLines().filter((line) => line.namespace !== METRICS_NAMESPACE)) {
      const known = AWS_METRICS[m.namespace];
      expect(known, `${m.widget}: namespace ${m.namespace}`).toBeDefined();
      expect(known!.names, `${m.widget}: ${m.namespace} ${m.name}`).toContain(m.name);
      expect(Object.keys(m.dimensions), `${m.widget}: ${m.name}`).toEqual([known!.dimension]);
      const target = referent(m.dimensions[known!.dimension]!);
      expect(target.type, `${m.widget}: ${m.name} ${m.dimensions[known!.dimension]}`).toBe(known!.type);
      if (known!.attribute) expect(target.attribute).toBe(known!.attribute);
    }
  });

  it('runs the functions with the namespace and service name the dashboard reads', () => {
    for (const fn of projectFunctions(app)) {
      expect(fn.Properties.Environment.Variables).toMatchObject({
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
      });
    }
  });

  it('shows every alarm of the stack', () => {
    const alarmIds = Object.keys(app.findResources('AWS::CloudWatch::Alarm'));
    const alarms = widgets.find((w) => w.type === 'alarm')!.properties as { alarms: string[] };

    expect(alarms.alarms.map((a) => a.replace(/^@getatt:/, '').replace(/\.Arn$/, '')).sort()).toEqual(alarmIds.sort());
  });

  it('outputs its console address as DashboardUrl', () => {
    const [dashboardId] = Object.keys(app.findResources('AWS::CloudWatch::Dashboard'));
    const output = app.findOutputs('DashboardUrl').DashboardUrl!;

    expect(JSON.stringify(output.Value)).toContain('.console.aws.amazon.com/cloudwatch/home?region=');
    expect(JSON.stringify(output.Value)).toContain(`{"Ref":"${dashboardId}"}`);
  });
});
