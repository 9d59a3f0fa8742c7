import type { MiddlewareObj } from '@middy/core';
import { $ZodError } from 'zod/v4/core';
import { explainUnions } from '../../core/union-issues';
import { DomainError, validationFailed } from '../../core/errors';
import { logger } from '../observability';
import { errorBody, json } from './responses';
import type { HttpEvent, HttpResult } from './types';

/** The one place errors become HTTP: zod -> 400 naming fields, named domain errors -> their status, anything else -> 500. */
export function toErrorResponse(error: unknown): HttpResult {
  const known = error instanceof $ZodError ? validationFailed({ issues: explainUnions(error.issues) }) : error;
  if (known instanceof DomainError) {
    logger.info('Request refused', { code: known.code, status: known.status });
    return json(known.status, errorBody(known.code, known.message, known.details));
  }
  // Internals are logged for the operator and never echoed to the caller.
  logger.error('Request failed', error as Error);
  return json(500, errorBody('internal_error', 'Something went wrong on our side; please retry later'));
}

export function errorMapper(): MiddlewareObj<HttpEvent, HttpResult> {
  return {
    onError: (request) => {
      request.response = toErrorResponse(request.error);
    },
  };
}
