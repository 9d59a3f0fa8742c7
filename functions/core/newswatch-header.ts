/**
 * A header on every answer of newswatch's own (its handlers' and the local runtime's). A `204` has no
 * body to tell newswatch by: the CLI takes an empty answer as newswatch's only with this header, so a
 * wrong --url whose server answers an empty 2xx to anything is not reported as a delete done.
 */
export const NEWSWATCH_HEADER = 'x-newswatch';
export const NEWSWATCH_HEADER_VALUE = '1';
