// Zod-free and import-free: the alert dispatcher and the digest scheduler both bundle it.

/** SNS's limit for one Publish: message, subject and attributes together (256 KiB, in UTF-8 bytes). */
export const SNS_PUBLISH_MAX_BYTES = 262_144;
/** SNS sends an SMS Publish of up to 1,600 characters (split into parts); longer ones fail. */
export const SMS_MAX_CHARS = 1_600;
/** Room kept under the limit for the request's own framing (attribute types, JSON escapes SNS adds). */
export const SNS_SAFETY_MARGIN_BYTES = 4_096;
