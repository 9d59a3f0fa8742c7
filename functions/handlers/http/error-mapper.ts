import type { MiddlewareObj } from '@middy/core';
import { ZodError } from 'zod';
import { DomainError, validationFailed } from '../../core/errors';
import { logger } from '../observability';
import { errorBody, json } from './responses';
import type { HttpEvent, HttpResult } from './types';

type Issue = ZodError['issues'][number];

/** Fewer unknown fields first (a branch that does not know the fields was not meant), then fewer issues. */
function meantBranch(branches: Issue[][]): Issue[] {
  const unknownFields = (issues: Issue[]) => issues.filter((i) => i.code === 'unrecognized_keys').length;
  return branches.reduce((best, b) => {
    const byUnknown = unknownFields(b) - unknownFields(best);
    return byUnknown < 0 || (byUnknown === 0 && b.length < best.length) ? b : best;
  });
}

/**
 * zod reports a value that fits no branch of a union as one "(root): Invalid input"; replace it with
 * the issues of the branch the caller meant (e.g. a full topic definition), so the 400 names fields.
 */
function explainUnions(issues: readonly Issue[], prefix: readonly PropertyKey[] = []): Issue[] {
  return issues.flatMap((issue): Issue[] => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) return explainUnions(meantBranch(issue.errors), path);
    return [{ ...issue, path } as Issue];
  });
}

/** The one place errors become HTTP: zod -> 400 naming fields, named domain errors -> their status, anything else -> 500. */
export function toErrorResponse(error: unknown): HttpResult {
  const known = error instanceof ZodError ? validationFailed(new ZodError(explainUnions(error.issues))) : error;
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
