import { describe, expect, it } from 'vitest';
import { describeTableError, resolveKeyTarget } from '../../../functions/cli/commands/keys';
import { subscriptionsTable } from '../../../functions/cli/commands/subscribe';
import { watchlistText } from '../../../functions/cli/commands/watchlist-command';
import { maskedEndpoint, renderTable } from '../../../functions/cli/support/output';

describe('masking', () => {
  it('hides most of an email address, phone number and webhook path', () => {
    expect(maskedEndpoint('email', 'jane.doe@example.com')).toBe('j***@example.com');
    expect(maskedEndpoint('sms', '+14155550100')).toBe('+14******100');
    expect(maskedEndpoint('https', 'https://hooks.example.com/secret/token?x=1')).toBe('https://hooks.example.com/***');
  });

  it('shows queue and function ARNs, which are infrastructure names', () => {
    expect(maskedEndpoint('sqs', 'arn:aws:sqs:us-east-1:123456789012:alerts')).toBe('arn:aws:sqs:us-east-1:123456789012:alerts');
  });

  it('hides anything it cannot read', () => {
    expect(maskedEndpoint('https', 'not a url')).toBe('***');
    expect(maskedEndpoint('pigeon', 'coop 7')).toBe('***');
  });

  it("never prints a subscriber's full contact detail in the subscriptions table", () => {
    const listed = {
      people: [],
      topics: [],
      delivery: 'article' as const,
      status: 'confirmed' as const,
      createdAt: '2026-11-30T10:00:00.000Z',
    };
    const table = subscriptionsTable([
      { ...listed, id: 'sub_1', protocol: 'email', endpoint: 'jane.doe@example.com', people: ['viktor-bout'] },
      { ...listed, id: 'sub_2', protocol: 'sms', endpoint: '+14155550100' },
    ]);

    expect(table).not.toContain('jane.doe');
    expect(table).not.toContain('5550100');
    expect(table.split('\n')).toEqual([
      'ID     PROTOCOL  ENDPOINT          PEOPLE       TOPICS  DELIVERY  STATUS',
      'sub_1  email     j***@example.com  viktor-bout  -       article   confirmed',
      'sub_2  sms       +14******100      -            -       article   confirmed',
    ]);
  });
});

describe('tables', () => {
  it('pads columns to the widest cell without trailing spaces', () => {
    expect(
      renderTable(
        ['A', 'B'],
        [
          ['long value', 'x'],
          ['s', ''],
        ],
      ),
    ).toBe('A           B\nlong value  x\ns');
  });

  it("writes a cell's line breaks and escapes as escapes, so a name from the server keeps the table and the terminal whole", () => {
    expect(renderTable(['NAME', 'ID'], [['Evil\u001b[2J\nName', 'x']])).toBe('NAME                 ID\nEvil\\u001b[2J\\nName  x');
  });

  it('shows built-in and custom topics apart', () => {
    const text = watchlistText({
      people: [],
      topics: [
        { id: 'prisoner-exchange' },
        { id: 'sanctions', name: 'Sanctions', terms: { S: ['sanction*'] }, rules: [{ all: ['S'], weight: 1 }] },
      ],
    });

    expect(text).toContain('no people tracked');
    expect(text).toMatch(/prisoner-exchange +built-in/);
    expect(text).toMatch(/sanctions +custom: Sanctions/);
  });

  it("shows each person's and topic's exclude phrases", () => {
    const text = watchlistText({
      people: [{ id: 'reed', name: 'Reed', exclude: ['Lou Reed', 'Reed College'] }],
      topics: [{ id: 'prisoner-exchange', exclude: ['stock exchange'] }],
    });

    expect(text).toMatch(/reed +Reed +- +"Lou Reed" "Reed College"/);
    expect(text).toMatch(/prisoner-exchange +built-in +"stock exchange"/);
  });
});

describe('keys target', () => {
  const runtime = {
    apiUrl: 'http://127.0.0.1:3000',
    tableName: 'newswatch',
    region: 'us-east-1',
    dynamodbEndpoint: 'http://127.0.0.1:4567',
  };

  it("uses the local runtime's table when no --table is given", () => {
    expect(resolveKeyTarget({}, {}, runtime)).toEqual({
      tableName: 'newswatch',
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:4567',
      dummyCredentials: true,
    });
  });

  it("uses the deployed table with the operator's own credentials when --table or NEWSWATCH_TABLE is given", () => {
    expect(resolveKeyTarget({ table: 'Prod-Table', region: 'eu-west-1' }, {}, runtime)).toEqual({
      tableName: 'Prod-Table',
      region: 'eu-west-1',
    });
    expect(resolveKeyTarget({}, { NEWSWATCH_TABLE: 'Env-Table' }, undefined)).toEqual({ tableName: 'Env-Table' });
  });

  it('explains what is missing when there is neither', () => {
    expect(() => resolveKeyTarget({}, {}, undefined)).toThrow(/^--table: no table given and no local runtime found$/);
    expect(() => resolveKeyTarget({ local: true }, {}, undefined)).toThrow(/^--local: no local runtime found$/);
    expect(() => resolveKeyTarget({ local: true, table: 'T' }, {}, runtime)).toThrow(/give one or the other/);
  });

  // `keys create --endpoint URL` without --table minted the key into the local runtime's table.
  it("refuses --endpoint or --region for the local runtime's table instead of ignoring them", () => {
    expect(() => resolveKeyTarget({ endpoint: 'http://127.0.0.1:8000' }, {}, runtime)).toThrow(
      /^--endpoint: only with --table NAME \(or NEWSWATCH_TABLE\); without one the local runtime's table is used$/,
    );
    expect(() => resolveKeyTarget({ local: true, region: 'eu-west-1' }, { NEWSWATCH_TABLE: 'T' }, runtime)).toThrow(
      /^--region: only with --table/,
    );
    expect(resolveKeyTarget({ endpoint: 'http://127.0.0.1:8000' }, { NEWSWATCH_TABLE: 'T' }, runtime)).toEqual({
      tableName: 'T',
      endpoint: 'http://127.0.0.1:8000',
    });
  });

  it('turns SDK failures into one actionable line', () => {
    const target = { tableName: 'T', region: 'eu-west-1' };

    expect(describeTableError({ name: 'ResourceNotFoundException', message: 'x' }, target)).toBe(
      'table T not found in eu-west-1 — check --table and --region',
    );
    expect(
      describeTableError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4567'), { code: 'ECONNREFUSED' }), {
        tableName: 'T',
        endpoint: 'http://127.0.0.1:4567',
      }),
    ).toMatch(/is `npm start` running\?$/);
    expect(
      describeTableError({ name: 'CredentialsProviderError', message: 'Could not load credentials from any providers' }, target),
    ).toMatch(/^no AWS credentials/);
  });
});
