import './support/env';
import { GetSubscriptionAttributesCommand, SNSClient, SubscribeCommand, UnsubscribeCommand } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler } from '../../../functions/handlers/api';
import { TOPIC } from './support/env';
import { bodyOf, context, httpEvent } from './support/events';
import { fakeTable } from './support/fake-table';

const table = fakeTable();
const sns = mockClient(SNSClient);
const QUEUE = 'arn:aws:sqs:us-east-1:000000000000:bout-alerts';
const SUB_ARN = `${TOPIC}:11111111-2222-3333-4444-555555555555`;

const subscribe = (body: unknown) => handler(httpEvent('POST /subscriptions', { body }), context);

beforeEach(() => {
  table.reset();
  sns.reset();
  sns.on(SubscribeCommand).resolves({ SubscriptionArn: SUB_ARN });
});

describe('POST /subscriptions', () => {
  it('subscribes a queue to a person with a filter policy on the message attributes', async () => {
    const response = await subscribe({ protocol: 'sqs', endpoint: QUEUE, people: ['viktor-bout'] });

    expect(response.statusCode).toBe(201);
    expect(bodyOf(response)).toEqual({ id: expect.stringMatching(/^sub_/), status: 'confirmed' });
    expect(sns).toReceiveCommandWith(SubscribeCommand, {
      TopicArn: TOPIC,
      Protocol: 'sqs',
      Endpoint: QUEUE,
      ReturnSubscriptionArn: true,
      Attributes: { FilterPolicy: '{"people":["viktor-bout"]}', FilterPolicyScope: 'MessageAttributes' },
    });
    expect(table.get('SUBS', bodyOf(response).id)).toMatchObject({ protocol: 'sqs', endpoint: QUEUE, subscriptionArn: SUB_ARN });
  });

  it('follows people OR topics when both are given', async () => {
    await subscribe({ protocol: 'sqs', endpoint: QUEUE, people: ['viktor-bout'], topics: ['prisoner-exchange'] });

    const policy = JSON.parse(sns.commandCalls(SubscribeCommand)[0]!.args[0].input.Attributes!.FilterPolicy!);
    expect(policy).toEqual({ $or: [{ people: ['viktor-bout'] }, { topics: ['prisoner-exchange'] }] });
  });

  it('takes every article alert but test alerts (and no story alert or digest) when nothing is followed', async () => {
    await subscribe({ protocol: 'sqs', endpoint: QUEUE });

    const attributes = sns.commandCalls(SubscribeCommand)[0]!.args[0].input.Attributes!;
    expect(JSON.parse(attributes.FilterPolicy!)).toEqual({ test: [{ exists: false }], kind: [{ exists: false }] });
    expect(attributes.FilterPolicyScope).toBe('MessageAttributes');
  });

  it('reports an email subscription as pending confirmation', async () => {
    const response = await subscribe({ protocol: 'email', endpoint: 'jane@example.com', topics: ['prisoner-exchange'] });

    expect(bodyOf(response).status).toBe('pending-confirmation');
  });

  it('answers 400 naming an id that is not on the watchlist, without calling SNS', async () => {
    const response = await subscribe({ protocol: 'sqs', endpoint: QUEUE, people: ['viktor-bout', 'brittney-griner'] });

    expect(response.statusCode).toBe(400);
    expect(bodyOf(response).error).toMatchObject({
      code: 'unknown_watchlist_id',
      details: [{ path: 'people.1', message: expect.stringContaining('brittney-griner') }],
    });
    expect(bodyOf(response).error.message).toContain('brittney-griner');
    expect(sns).not.toHaveReceivedCommand(SubscribeCommand);
  });

  it('follows and stores each id once when the request names one twice, in first-seen order, and still answers 201', async () => {
    const response = await subscribe({
      protocol: 'sqs',
      endpoint: QUEUE,
      people: ['viktor-bout', 'sergei-ryabkov', 'viktor-bout'],
      topics: ['prisoner-exchange', 'prisoner-exchange'],
    });
    const listed = bodyOf(await handler(httpEvent('GET /subscriptions'), context));

    expect([response.statusCode, bodyOf(response)]).toEqual([201, { id: expect.stringMatching(/^sub_/), status: 'confirmed' }]);
    expect(JSON.parse(sns.commandCalls(SubscribeCommand)[0]!.args[0].input.Attributes!.FilterPolicy!)).toEqual({
      $or: [{ people: ['sergei-ryabkov', 'viktor-bout'] }, { topics: ['prisoner-exchange'] }],
    });
    expect(table.get('SUBS', bodyOf(response).id)).toMatchObject({
      people: ['viktor-bout', 'sergei-ryabkov'],
      topics: ['prisoner-exchange'],
    });
    expect(listed.items.map((i: { people: string[]; topics: string[] }) => [i.people, i.topics])).toEqual([
      [['viktor-bout', 'sergei-ryabkov'], ['prisoner-exchange']],
    ]);
  });

  it('names an unknown id given twice once, at its first place', async () => {
    const response = await subscribe({ protocol: 'sqs', endpoint: QUEUE, people: ['brittney-griner', 'viktor-bout', 'brittney-griner'] });

    expect(response.statusCode).toBe(400);
    expect(bodyOf(response).error).toEqual({
      code: 'unknown_watchlist_id',
      message: 'Not on the watchlist: person "brittney-griner"',
      details: [{ path: 'people.0', message: '"brittney-griner" is not on the watchlist' }],
    });
  });

  it('names the first 20 unknown ids and counts the rest, as every 400 does', async () => {
    const people = Array.from({ length: 30 }, (_, i) => `nobody-${i}`);

    const response = await subscribe({ protocol: 'sqs', endpoint: QUEUE, people });

    const error = bodyOf(response).error;
    expect(response.statusCode).toBe(400);
    expect(error.details).toHaveLength(20);
    expect(error.details[19]).toEqual({ path: 'people.19', message: '"nobody-19" is not on the watchlist' });
    expect(error.message).toMatch(/person "nobody-19", and 10 more$/);
  });

  it('answers 400 when the filter policy would exceed SNS limits, before calling SNS', async () => {
    const people = Array.from({ length: 151 }, (_, i) => `person-${i}`);
    table.put({ pk: 'WATCHLIST', sk: 'META' });
    for (const id of people) table.put({ pk: 'WATCHLIST', sk: `PERSON#${id}`, entry: { id, name: `Person ${id}` } });

    const response = await subscribe({ protocol: 'sqs', endpoint: QUEUE, people: people.slice(0, 100), topics: [] });
    const tooMany = await handler(httpEvent('POST /subscriptions', { body: { protocol: 'sqs', endpoint: QUEUE, people } }), context);

    expect(response.statusCode).toBe(201);
    expect(tooMany.statusCode).toBe(400);
    expect(bodyOf(tooMany).error.details[0].path).toBe('people');
    expect(sns).toHaveReceivedCommandTimes(SubscribeCommand, 1);
  });

  it('answers 409 naming the endpoint when it is already subscribed with other settings (SNS refuses)', async () => {
    sns.on(SubscribeCommand).rejects(
      Object.assign(new Error('Invalid parameter: Attributes Reason: Subscription already exists with different attributes'), {
        name: 'InvalidParameterException',
      }),
    );

    const response = await subscribe({ protocol: 'sqs', endpoint: QUEUE, people: ['viktor-bout'], delivery: 'story' });

    expect(response.statusCode).toBe(409);
    expect(bodyOf(response).error).toMatchObject({ code: 'endpoint_already_subscribed', details: [{ path: 'endpoint' }] });
  });

  it('names the existing subscription in the 409 when SNS refuses an endpoint newswatch already subscribed with other settings', async () => {
    const first = await subscribe({ protocol: 'sqs', endpoint: QUEUE, people: ['viktor-bout'] });
    sns.on(SubscribeCommand).rejects(
      Object.assign(new Error('Invalid parameter: Attributes Reason: Subscription already exists with different attributes'), {
        name: 'InvalidParameterException',
      }),
    );

    const response = await subscribe({ protocol: 'sqs', endpoint: QUEUE, topics: ['prisoner-exchange'] });

    const existingId = bodyOf(first).id as string;
    expect(response.statusCode).toBe(409);
    expect(bodyOf(response).error.message).toContain(`(${existingId})`);
    expect(bodyOf(response).error.details).toEqual([{ path: 'endpoint', message: `already subscribed (${existingId})` }]);
  });

  it('answers 400 naming the endpoint, without echoing it, when SNS refuses the endpoint itself (a queue that does not exist)', async () => {
    sns
      .on(SubscribeCommand)
      .rejects(Object.assign(new Error(`Invalid parameter: Endpoint ${QUEUE}`), { name: 'InvalidParameterException' }));

    const response = await subscribe({ protocol: 'sqs', endpoint: QUEUE, people: ['viktor-bout'] });

    expect(response.statusCode).toBe(400);
    expect(bodyOf(response).error).toMatchObject({ code: 'invalid_endpoint', details: [{ path: 'endpoint' }] });
    expect(String(response.body)).not.toContain(QUEUE);
    expect([...table.items.values()].filter((i) => i.pk === 'SUBS')).toHaveLength(0);
  });

  it('answers 200 with the existing subscription when the same request is sent again, creating nothing', async () => {
    const first = await subscribe({ protocol: 'sqs', endpoint: QUEUE, people: ['viktor-bout'], topics: ['prisoner-exchange'] });

    const again = await subscribe({ protocol: 'sqs', endpoint: QUEUE, topics: ['prisoner-exchange'], people: ['viktor-bout'] });

    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(bodyOf(again)).toEqual(bodyOf(first));
    expect([...table.items.values()].filter((i) => i.pk === 'SUBS')).toHaveLength(1);
  });

  it('answers 200 with the existing digest subscription when it is sent again, though SNS refuses the repeat', async () => {
    const request = { protocol: 'sqs', endpoint: QUEUE, people: ['viktor-bout'], delivery: 'daily' };
    const first = await subscribe(request);
    // A digest's filter policy names its own subscription, so SNS sees a repeat as other settings.
    sns.on(SubscribeCommand).rejects(
      Object.assign(new Error('Invalid parameter: Attributes Reason: Subscription already exists with different attributes'), {
        name: 'InvalidParameterException',
      }),
    );

    const again = await subscribe(request);

    expect(again.statusCode).toBe(200);
    expect(bodyOf(again).id).toBe(bodyOf(first).id);
    expect([...table.items.values()].filter((i) => i.pk === 'SUBS')).toHaveLength(1);
  });

  it('answers 409 naming the existing subscription when the same endpoint is subscribed again with another delivery', async () => {
    const first = await subscribe({ protocol: 'sqs', endpoint: QUEUE, people: ['viktor-bout'] });

    const again = await subscribe({ protocol: 'sqs', endpoint: QUEUE, people: ['viktor-bout'], minScore: 0.5 });

    expect(again.statusCode).toBe(409);
    expect(bodyOf(again).error.message).toContain(bodyOf(first).id);
    expect([...table.items.values()].filter((i) => i.pk === 'SUBS')).toHaveLength(1);
  });

  it('subscribes an e-mail address with its domain in lower case, so one mailbox written two ways is one endpoint', async () => {
    await subscribe({ protocol: 'email', endpoint: 'Jane.Doe@Example.COM', people: ['viktor-bout'] });

    expect(sns.commandCalls(SubscribeCommand)[0]!.args[0].input.Endpoint).toBe('Jane.Doe@example.com');
    expect([...table.items.values()].find((i) => i.pk === 'SUBS')).toMatchObject({ endpoint: 'Jane.Doe@example.com' });
  });

  it('subscribes an https URL as the URL standard writes it, so a scheme, host or port written another way is one receiver', async () => {
    await subscribe({ protocol: 'https', endpoint: 'HTTPS://Hooks.Example.ORG:443/newswatch', people: ['viktor-bout'] });

    expect(sns.commandCalls(SubscribeCommand)[0]!.args[0].input.Endpoint).toBe('https://hooks.example.org/newswatch');
    expect([...table.items.values()].find((i) => i.pk === 'SUBS')).toMatchObject({ endpoint: 'https://hooks.example.org/newswatch' });
  });

  it('keeps one subscription when the same request is sent twice at once: one 201, one 200 with the same subscription', async () => {
    const request = { protocol: 'email', endpoint: 'jane@example.com', people: ['viktor-bout'] };
    sns.on(GetSubscriptionAttributesCommand).resolves({ Attributes: { PendingConfirmation: 'true' } });

    const answers = await Promise.all([subscribe(request), subscribe(request)]);

    const created = answers.filter((a) => a.statusCode === 201);
    const repeated = answers.filter((a) => a.statusCode === 200);
    expect(created).toHaveLength(1);
    expect(repeated).toHaveLength(1);
    expect(bodyOf(repeated[0])).toEqual(bodyOf(created[0]));
    const records = [...table.items.values()].filter((i) => i.pk === 'SUBS');
    expect(records.map((r) => r.sk)).toEqual([bodyOf(created[0]).id]);
  });

  it("answers a repeat with the claim's holder, not another request's record that is still deciding and will lose", async () => {
    const request = { protocol: 'sqs', endpoint: QUEUE, people: ['viktor-bout'] };
    const holder = bodyOf(await subscribe(request)).id as string;
    // A request that lost the claim but has not removed its record yet; its id is listed first.
    const losing = 'sub_00000000000000000000000000000001';
    table.put({ ...table.get('SUBS', holder), sk: losing, id: losing });

    const response = await subscribe(request);

    expect(response.statusCode).toBe(200);
    expect(bodyOf(response).id).toBe(holder);
  });

  it('claims the SNS subscription for a record saved before claims existed, and answers a repeat with that record', async () => {
    const request = { protocol: 'sqs', endpoint: QUEUE, people: ['viktor-bout'] };
    const first = bodyOf(await subscribe(request)).id as string;
    table.items.delete([...table.items.keys()].find((k) => k.includes('SUBARN#'))!);

    const response = await subscribe(request);

    expect(response.statusCode).toBe(200);
    expect(bodyOf(response).id).toBe(first);
    expect(table.get(`SUBARN#${SUB_ARN}`, 'C')).toMatchObject({ subscriptionId: first });
  });

  it('answers a repeat with a subscription stored before e-mail domains were lower-cased, not a 409 or a second one', async () => {
    const request = { protocol: 'email', endpoint: 'jane@Example.COM', people: ['viktor-bout'] };
    sns.on(GetSubscriptionAttributesCommand).resolves({ Attributes: { PendingConfirmation: 'true' } });
    const first = bodyOf(await subscribe(request)).id as string;
    // As a version before the lower-casing stored it.
    table.put({ ...table.get('SUBS', first), endpoint: 'jane@Example.COM' });

    const response = await subscribe(request);

    expect(response.statusCode).toBe(200);
    expect(bodyOf(response).id).toBe(first);
    expect([...table.items.values()].filter((i) => i.pk === 'SUBS')).toHaveLength(1);
  });

  it('subscribes an endpoint whose earlier record is gone though its claim on the SNS subscription was left (a crash mid-delete)', async () => {
    table.put({ pk: `SUBARN#${SUB_ARN}`, sk: 'C', kind: 'subscription-claim', subscriptionId: 'sub_00000000000000000000000000000000' });

    const response = await subscribe({ protocol: 'sqs', endpoint: QUEUE, people: ['viktor-bout'] });

    expect(response.statusCode).toBe(201);
    expect(table.get(`SUBARN#${SUB_ARN}`, 'C')).toMatchObject({ subscriptionId: bodyOf(response).id });
  });

  it('claims the SNS subscription when the claim that refused its put is released before it is read', async () => {
    table.failNextPut((item) => item.pk === `SUBARN#${SUB_ARN}`, table.conditionalCheckFailed);

    const response = await subscribe({ protocol: 'sqs', endpoint: QUEUE, people: ['viktor-bout'] });

    expect(response.statusCode).toBe(201);
    expect(table.get(`SUBARN#${SUB_ARN}`, 'C')).toMatchObject({ subscriptionId: bodyOf(response).id });
  });

  it('answers 409 subscription_in_progress, keeping nothing, when other requests take the claim on every attempt', async () => {
    // Every claim put is refused and every read finds the claim gone again: other requests keep taking and releasing it.
    for (let i = 0; i < 10; i++) table.failNextPut((item) => item.pk === `SUBARN#${SUB_ARN}`, table.conditionalCheckFailed);

    const response = await subscribe({ protocol: 'sqs', endpoint: QUEUE, people: ['viktor-bout'] });

    expect(response.statusCode).toBe(409);
    expect(bodyOf(response).error).toEqual({
      code: 'subscription_in_progress',
      message: expect.stringMatching(/another request is subscribing this endpoint right now: try again/i),
      details: [{ path: 'endpoint', message: expect.any(String) }],
    });
    expect([...table.items.values()].filter((i) => i.pk === 'SUBS')).toEqual([]);
  });

  it('answers 409 subscription_in_progress when the claim for a record found for the endpoint is taken on every attempt', async () => {
    const request = { protocol: 'sqs', endpoint: QUEUE, people: ['viktor-bout'] };
    const first = bodyOf(await subscribe(request)).id as string;
    table.items.delete([...table.items.keys()].find((k) => k.includes('SUBARN#'))!);
    for (let i = 0; i < 10; i++) table.failNextPut((item) => item.pk === `SUBARN#${SUB_ARN}`, table.conditionalCheckFailed);

    const response = await subscribe(request);

    expect(response.statusCode).toBe(409);
    expect(bodyOf(response).error.code).toBe('subscription_in_progress');
    expect([...table.items.values()].filter((i) => i.pk === 'SUBS').map((r) => r.sk)).toEqual([first]);
  });

  it('subscribes an endpoint again once its earlier subscription is deleted', async () => {
    const request = { protocol: 'sqs', endpoint: QUEUE, people: ['viktor-bout'] };
    const first = bodyOf(await subscribe(request));
    sns.on(UnsubscribeCommand).resolves({});
    await handler(httpEvent('DELETE /subscriptions/{id}', { id: first.id }), context);

    const again = await subscribe(request);

    expect(again.statusCode).toBe(201);
    expect([...table.items.values()].filter((i) => i.pk === 'SUBS').map((r) => r.sk)).toEqual([bodyOf(again).id]);
  });

  it('answers 400 for an endpoint that does not fit the protocol', async () => {
    const response = await subscribe({ protocol: 'sms', endpoint: 'call me' });

    expect(response.statusCode).toBe(400);
    expect(bodyOf(response).error.details).toEqual([{ path: 'endpoint', message: expect.stringContaining('E.164') }]);
  });

  it('names an empty or blank endpoint once, as empty, not also as the wrong form for its protocol', async () => {
    for (const endpoint of ['', '   ']) {
      const response = await subscribe({ protocol: 'sqs', endpoint });

      expect([response.statusCode, bodyOf(response).error.details]).toEqual([400, [{ path: 'endpoint', message: 'must not be empty' }]]);
    }
  });

  it('answers 400 naming an unknown protocol and an unknown field', async () => {
    const response = await subscribe({ protocol: 'pigeon', endpoint: 'x', colour: 'red' });

    expect(
      bodyOf(response)
        .error.details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(['colour', 'protocol']);
  });
});

describe('GET /subscriptions', () => {
  it('lists subscriptions with masked endpoints and refreshes pending ones from SNS', async () => {
    const created = bodyOf(await subscribe({ protocol: 'email', endpoint: 'jane@example.com' }));
    sns.on(GetSubscriptionAttributesCommand).resolves({ Attributes: { PendingConfirmation: 'false' } });

    const response = await handler(httpEvent('GET /subscriptions'), context);

    expect(bodyOf(response).items).toEqual([
      expect.objectContaining({ id: created.id, endpoint: 'j***@example.com', status: 'confirmed' }),
    ]);
    expect(response.body).not.toContain('jane@example.com');
    expect(sns).toReceiveCommandWith(GetSubscriptionAttributesCommand, { SubscriptionArn: SUB_ARN });
  });

  it('lists subscriptions in the order they were made, not in the order of their (random) ids', async () => {
    const made = bodyOf(await subscribe({ protocol: 'sqs', endpoint: QUEUE })).id as string;
    const record = table.get('SUBS', made)!;
    const later = 'sub_00000000000000000000000000000000';
    const earlier = 'sub_ffffffffffffffffffffffffffffffff';
    table.put({ ...record, sk: later, id: later, createdAt: '2099-01-01T00:00:00.000Z' });
    table.put({ ...record, sk: earlier, id: earlier, createdAt: '2000-01-01T00:00:00.000Z' });

    const response = await handler(httpEvent('GET /subscriptions'), context);

    expect(bodyOf(response).items.map((item: { id: string }) => item.id)).toEqual([earlier, made, later]);
  });

  it('does not ask SNS about subscriptions already confirmed', async () => {
    await subscribe({ protocol: 'sqs', endpoint: QUEUE });

    await handler(httpEvent('GET /subscriptions'), context);

    expect(sns).not.toHaveReceivedCommand(GetSubscriptionAttributesCommand);
  });
});

describe('DELETE /subscriptions/{id}', () => {
  it('unsubscribes from SNS and deletes the record', async () => {
    const { id } = bodyOf(await subscribe({ protocol: 'sqs', endpoint: QUEUE }));
    sns.on(UnsubscribeCommand).resolves({});

    const response = await handler(httpEvent('DELETE /subscriptions/{id}', { id }), context);

    expect(response.statusCode).toBe(204);
    // The CLI tells newswatch's empty answer from another server's by this header.
    expect(response.headers).toEqual({ 'x-newswatch': '1' });
    expect(sns).toReceiveCommandWith(UnsubscribeCommand, { SubscriptionArn: SUB_ARN });
    expect(table.get('SUBS', id)).toBeUndefined();
    expect([...table.items.values()].filter((i) => i.pk.startsWith('SUBARN#'))).toEqual([]);
  });

  it('answers 404 for an unknown subscription', async () => {
    const response = await handler(httpEvent('DELETE /subscriptions/{id}', { id: 'sub_00000000000000000000000000000000' }), context);

    expect(response.statusCode).toBe(404);
    expect(sns).not.toHaveReceivedCommand(UnsubscribeCommand);
  });
});
