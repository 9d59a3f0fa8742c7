import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../functions/cli/support/cli-errors';
import { queuePolicy } from '../../../functions/cli/smoke/smoke-queue';
import { readOutputsFile, regionOfApiUrl, smokeTarget } from '../../../functions/cli/smoke/target';

const dir = mkdtempSync(join(tmpdir(), 'newswatch-smoke-target-'));
function outputsFile(content: unknown): string {
  const path = join(dir, `${Math.random().toString(16).slice(2)}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('readOutputsFile', () => {
  it('finds the ApiUrl of the app stack and the AlertsTopicArn of the data stack', () => {
    const path = outputsFile({
      'newswatch-prod-app': { ApiUrl: 'https://abc.execute-api.eu-west-1.amazonaws.com/', StreamDlqUrl: 'x' },
      'newswatch-prod-data': { AlertsTopicArn: 'arn:aws:sns:eu-west-1:123456789012:alerts', TableName: 't' },
    });

    expect(readOutputsFile(path)).toEqual({
      apiUrl: 'https://abc.execute-api.eu-west-1.amazonaws.com/',
      topicArn: 'arn:aws:sns:eu-west-1:123456789012:alerts',
    });
  });

  it('reads a file saved with a UTF-8 byte order mark (as some Windows editors save it)', () => {
    const path = outputsFile(`\uFEFF${JSON.stringify({ 'newswatch-prod-app': { ApiUrl: 'https://abc.example/' } })}`);

    expect(readOutputsFile(path).apiUrl).toBe('https://abc.example/');
  });

  it('refuses a file with an ApiUrl in several stacks, naming them (exit 2)', () => {
    const path = outputsFile({ 'newswatch-dev-app': { ApiUrl: 'https://a/' }, 'newswatch-prod-app': { ApiUrl: 'https://b/' } });

    expect(() => readOutputsFile(path)).toThrow(UsageError);
    expect(() => readOutputsFile(path)).toThrow(/several stacks \(newswatch-dev-app, newswatch-prod-app\)/);
  });

  // It was refused as `--url: "not a url" is not an http(s) URL`, naming an option nobody gave.
  it('refuses an ApiUrl that is no http(s) URL, naming the file and the output', () => {
    const path = outputsFile({ 'newswatch-prod-app': { ApiUrl: 'not a url' } });

    expect(() => readOutputsFile(path)).toThrow(UsageError);
    expect(() => readOutputsFile(path)).toThrow(`--outputs: ${path}: the ApiUrl of newswatch-prod-app, "not a url", is not an http(s) URL`);
  });

  it('refuses a file without ApiUrl and a file that is not JSON', () => {
    expect(() => readOutputsFile(outputsFile({ 'newswatch-prod-data': { TableName: 't' } }))).toThrow(/no ApiUrl output/);
    expect(() => readOutputsFile(outputsFile('not json'))).toThrow(/cannot read .* as a cdk outputs file/);
  });
});

describe('smokeTarget', () => {
  it('uses the local SNS/SQS stand-in with dummy credentials for the local runtime', () => {
    const runtime = { apiUrl: 'http://127.0.0.1:3000', sqsEndpoint: 'http://127.0.0.1:4566', region: 'us-east-1' };

    const target = smokeTarget({ url: 'http://127.0.0.1:3000', apiKey: 'k', runtime }, {}, {});

    expect(target).toMatchObject({ local: true, sqs: { endpoint: 'http://127.0.0.1:4566', dummyCredentials: true } });
  });

  it("takes the region from a deployed API's URL, and the operator's own credentials", () => {
    const target = smokeTarget({ url: 'https://abc.execute-api.eu-west-1.amazonaws.com/', apiKey: 'k' }, {}, {});

    expect(target).toEqual(expect.objectContaining({ local: false, sqs: { region: 'eu-west-1' } }));
  });

  it('asks for --region when the URL does not say it (a custom domain)', () => {
    expect(() => smokeTarget({ url: 'https://news.example.org/', apiKey: 'k' }, {}, {})).toThrow(/--region/);
    expect(smokeTarget({ url: 'https://news.example.org/', apiKey: 'k' }, {}, { AWS_REGION: 'eu-central-1' }).sqs.region).toBe(
      'eu-central-1',
    );
  });

  it('takes a local URL without runtime.json (another data folder or directory) to have its stand-in where serve puts it', () => {
    const target = smokeTarget({ url: 'http://127.0.0.1:3999', apiKey: 'k' }, {}, {});
    const moved = smokeTarget({ url: 'http://127.0.0.1:3999', apiKey: 'k' }, {}, { NEWSWATCH_SNS_PORT: '4701', AWS_REGION: 'eu-west-1' });

    expect(target).toMatchObject({ local: true, sqs: { endpoint: 'http://127.0.0.1:4566', region: 'us-east-1', dummyCredentials: true } });
    expect(target.label).toContain('no runtime.json here names this URL');
    expect(moved.sqs).toEqual({ endpoint: 'http://127.0.0.1:4701', region: 'eu-west-1', dummyCredentials: true });
    expect(() => smokeTarget({ url: 'http://127.0.0.1:3999', apiKey: 'k' }, {}, { NEWSWATCH_SNS_PORT: 'x' })).toThrow(/NEWSWATCH_SNS_PORT/);
  });
});

describe('regionOfApiUrl', () => {
  it('reads the region of an execute-api host and nothing else', () => {
    expect(regionOfApiUrl('https://a1b2.execute-api.ap-southeast-2.amazonaws.com/')).toBe('ap-southeast-2');
    expect(regionOfApiUrl('https://example.com/')).toBeUndefined();
  });
});

describe('queuePolicy', () => {
  it('lets only SNS send, and only from the alerts topic when it is known', () => {
    const policy = JSON.parse(queuePolicy('arn:aws:sqs:eu-west-1:123456789012:q', 'arn:aws:sns:eu-west-1:123456789012:alerts'));

    expect(policy.Statement).toEqual([
      expect.objectContaining({
        Principal: { Service: 'sns.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: 'arn:aws:sqs:eu-west-1:123456789012:q',
        Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:eu-west-1:123456789012:alerts' } },
      }),
    ]);
  });

  it("falls back to the topics of the queue's own account and region", () => {
    const policy = JSON.parse(queuePolicy('arn:aws:sqs:eu-west-1:123456789012:q', undefined));

    expect(policy.Statement[0].Condition).toEqual({ ArnLike: { 'aws:SourceArn': 'arn:aws:sns:eu-west-1:123456789012:*' } });
  });
});
