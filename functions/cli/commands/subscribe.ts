import type { Command } from 'commander';
import { pathIdProblem } from '../../core/path-ids';
import { SubscriptionRequest, type Protocol } from '../../core/subscription-policy';
import { addConnectionOptions, connect, type ConnectionOptions } from '../support/connection';
import { answerShape, isLocalUrl } from '../support/http-client';
import { SubscriptionCreatedAnswer, SubscriptionListAnswer, type SubscriptionAnswer } from '../../core/api-answers';
import { runAction, UsageError } from '../support/cli-errors';
import { collectIds, decimalNumber } from '../support/options';
import { idList, maskedEndpoint, renderTable } from '../support/output';

/** subscribe / subscriptions / unsubscribe: SNS subscriptions managed through the API. */
const PROTOCOLS = ['email', 'sms', 'https', 'sqs', 'lambda'] as const satisfies readonly Protocol[];

interface SubscribeOptions extends ConnectionOptions, Partial<Record<Protocol, string>> {
  person?: string[];
  topic?: string[];
  delivery?: string;
  minScore?: string;
  json?: boolean;
}

export function registerSubscriptionCommands(program: Command): void {
  addConnectionOptions(
    program
      .command('subscribe')
      .description('Subscribe an endpoint to alerts for people and/or topics (none = every alert)')
      .option('--email <address>', 'email address (must be confirmed through the link AWS sends)')
      .option('--sms <number>', 'phone number in E.164 form, e.g. +14155550100')
      .option('--https <url>', 'https:// endpoint (must confirm the subscription)')
      .option('--sqs <arn>', 'SQS queue ARN')
      .option('--lambda <arn>', 'Lambda function ARN')
      .option('--person <ids...>', 'follow these people (repeatable, or comma-separated)', collectIds)
      .option('--topic <ids...>', 'follow these topics (repeatable, or comma-separated)', collectIds)
      .option(
        '--delivery <mode>',
        'article (default: one alert per article), story (one per story, again when it gains a followed id), hourly or daily (one digest per period)',
      )
      .option('--min-score <0..1>', 'followed topics alert only at or above this score (people are unaffected)')
      .option('--json', 'print the API response as JSON'),
  )
    .addHelpText(
      'after',
      `
An alert is delivered when it names any followed person OR any followed topic.
Examples:
  newswatch subscribe --email analyst@example.com --person viktor-bout
  newswatch subscribe --sqs arn:aws:sqs:us-east-1:123456789012:alerts --topic prisoner-exchange`,
    )
    .action(runAction(subscribe));

  addConnectionOptions(
    program
      .command('subscriptions')
      .description('List subscriptions (endpoints masked)')
      .option('--json', 'print the API response as JSON'),
  ).action(runAction(listSubscriptions));

  addConnectionOptions(
    program.command('unsubscribe').description('Delete a subscription').argument('<id>', 'subscription id, e.g. sub_…'),
  ).action(runAction(unsubscribe));
}

/** What a subscription that follows no one is sent, by its delivery mode (docs/cli.md, subscribe). */
export function everything(delivery: SubscriptionRequest['delivery']): string {
  if (delivery === 'story') return 'every story alert';
  if (delivery === 'hourly') return 'an hourly digest of every story';
  if (delivery === 'daily') return 'a daily digest of every story';
  return 'every article alert';
}

/** Exactly one endpoint option, checked locally with the API's own schema; errors name the option. */
export function subscriptionRequest(options: SubscribeOptions): SubscriptionRequest {
  const given = PROTOCOLS.filter((protocol) => options[protocol] !== undefined);
  if (given.length !== 1) {
    const which = given.length === 0 ? 'none was given' : `got ${given.map((p) => `--${p}`).join(' and ')}`;
    throw new UsageError(`give exactly one of ${PROTOCOLS.map((p) => `--${p}`).join(', ')} (${which})`);
  }
  const protocol = given[0]!;
  const body = {
    protocol,
    endpoint: options[protocol]!,
    ...(options.person?.length && { people: options.person }),
    ...(options.topic?.length && { topics: options.topic }),
    ...(options.delivery !== undefined && { delivery: options.delivery }),
    ...(options.minScore !== undefined && { minScore: decimalNumber(options.minScore) }),
  };
  const parsed = SubscriptionRequest.safeParse(body);
  if (!parsed.success) {
    const named: Record<string, string> = { people: '--person', topics: '--topic', delivery: '--delivery', minScore: '--min-score' };
    const optionOf = (field: unknown) => named[String(field)] ?? `--${protocol}`;
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`${optionOf(issue.path[0])}: ${issue.message}`);
  }
  return parsed.data;
}

async function subscribe(options: SubscribeOptions): Promise<void> {
  const request = subscriptionRequest(options);
  const { client, connection } = connect(options);
  const { status, body } = await client.request('POST', '/subscriptions', request, { expect: answerShape(SubscriptionCreatedAnswer) });
  if (options.json) {
    process.stdout.write(`${JSON.stringify(body)}\n`);
    return;
  }
  // 200, not 201: the endpoint already had exactly this subscription (a repeat creates nothing).
  process.stdout.write(`${status === 201 ? '' : 'already '}subscribed ${body.id} (${request.protocol}, status: ${body.status})\n`);
  if (!request.people && !request.topics)
    process.stdout.write(`no --person or --topic: this subscription receives ${everything(request.delivery)}\n`);
  if (isLocalUrl(connection.url) && request.protocol !== 'sqs') {
    // The SNS stand-in of `npm start` delivers to its own SQS queues only: say so, rather than promise a confirmation.
    process.stdout.write(
      'the local runtime delivers nothing to e-mail, SMS, HTTPS or Lambda endpoints (nor a confirmation request):\n' +
        'subscribe an SQS queue of its stand-in, or watch alerts with `newswatch alerts tail`.\n',
    );
  } else if (body.status === 'pending-confirmation') {
    const where = request.protocol === 'email' ? 'the email address' : 'the endpoint';
    process.stdout.write(
      `AWS has sent a confirmation message to ${where}; nothing is delivered until its link is followed.\n` +
        'Run `newswatch subscriptions` to see when the status becomes confirmed.\n',
    );
  }
}

export function subscriptionsTable(items: readonly SubscriptionAnswer[]): string {
  const rows = items.map((s) => [
    s.id,
    s.protocol,
    maskedEndpoint(s.protocol, s.endpoint),
    idList(s.people),
    idList(s.topics),
    s.delivery,
    s.status,
  ]);
  return renderTable(['ID', 'PROTOCOL', 'ENDPOINT', 'PEOPLE', 'TOPICS', 'DELIVERY', 'STATUS'], rows);
}

async function listSubscriptions(options: ConnectionOptions & { json?: boolean }): Promise<void> {
  const { client } = connect(options);
  const { body } = await client.request('GET', '/subscriptions', undefined, { expect: answerShape(SubscriptionListAnswer) });
  if (options.json) {
    process.stdout.write(`${JSON.stringify(body)}\n`);
    return;
  }
  process.stdout.write(body.items.length === 0 ? 'no subscriptions\n' : `${subscriptionsTable(body.items)}\n`);
}

async function unsubscribe(id: string, options: ConnectionOptions): Promise<void> {
  // The API's own rule, before anything is sent: a malformed id is bad usage (exit 2), as for `feeds remove`.
  const problem = pathIdProblem('DELETE /subscriptions/{id}', id);
  if (problem) throw new UsageError(`<id>: ${problem}`);
  const { client } = connect(options);
  await client.request('DELETE', `/subscriptions/${encodeURIComponent(id)}`);
  process.stdout.write(`unsubscribed ${id}\n`);
}
