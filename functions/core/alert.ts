/** The alert for one article: the payload schema (for consumers) and its composition per protocol. */
export * from './alert-payload';
export * from './alert-text';
