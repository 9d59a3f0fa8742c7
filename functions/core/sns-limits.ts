// Zod-free and import-free: the alert dispatcher and the digest scheduler both bundle it, and both
// size their messages with publishSize.

/** SNS's limit for one Publish: message, subject and attributes together (256 KiB, in UTF-8 bytes). */
export const SNS_PUBLISH_MAX_BYTES = 262_144;
/** SNS sends an SMS Publish of up to 1,600 characters (split into parts); longer ones fail. */
export const SMS_MAX_CHARS = 1_600;
/** An SNS Subject (e-mail) must be under 100 characters: this many at most. */
export const SNS_SUBJECT_MAX_CHARS = 99;
/** Room kept under the limit for the request's own framing (attribute types, JSON escapes SNS adds). */
export const SNS_SAFETY_MARGIN_BYTES = 4_096;

/** One SNS Publish, as SNS counts it against its limit. */
export interface PublishParts {
  message: string;
  subject: string;
  attributes: Readonly<Record<string, { DataType: string; StringValue: string }>>;
}

const utf8Bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/** What SNS counts against its 256 KiB: the message, the subject and every attribute's name, type and value. */
export function publishSize({ message, subject, attributes }: PublishParts): number {
  let size = utf8Bytes(message) + utf8Bytes(subject);
  for (const [name, a] of Object.entries(attributes)) size += utf8Bytes(name) + utf8Bytes(a.DataType) + utf8Bytes(a.StringValue);
  return size;
}

/** Whether a Publish of this many bytes fits, with room left for the request's own framing. */
export const fitsOnePublish = (bytes: number): boolean => bytes <= SNS_PUBLISH_MAX_BYTES - SNS_SAFETY_MARGIN_BYTES;
