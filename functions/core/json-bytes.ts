/** A value's size as UTF-8 JSON: what DynamoDB's item limit and Lambda's response limit count. */
export const jsonBytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value), 'utf8');
