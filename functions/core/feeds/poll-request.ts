import * as z from '../zod';

/** Body of POST /feeds/poll (`newswatch feeds poll`): `{}`, every feed now; a field is refused like any unknown field. */
export const PollRequest = z.strictObject({});
