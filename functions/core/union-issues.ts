import type * as z from './zod';

type Issue = z.core.$ZodIssue;

/**
 * Fewer unknown fields of the value itself first (a branch that does not know the value's own fields
 * was not meant), then fewer issues. Fields, not issues: one issue lists every unknown key of its
 * object, and a built-in topic reference that knows neither "terms" nor "rules" is one issue. The
 * value's own fields only: an unknown key deeper down (a rule that says "score", in every rule) was
 * written for the branch that knows the fields around it, however many rules repeat it.
 */
function meantBranch(branches: Issue[][]): Issue[] {
  const unknownFields = (issues: Issue[]) =>
    issues.reduce((count, issue) => count + (issue.code === 'unrecognized_keys' && issue.path.length === 0 ? issue.keys.length : 0), 0);
  return branches.reduce((best, b) => {
    const byUnknown = unknownFields(b) - unknownFields(best);
    return byUnknown < 0 || (byUnknown === 0 && b.length < best.length) ? b : best;
  });
}

/** What zod's English locale says for a union that set no message of its own. */
const UNEXPLAINED_UNION = 'Invalid input';

/**
 * zod reports a value that fits no branch of a union as one "Invalid input"; replace it with the
 * issues of the branch the author meant (e.g. a full topic definition rather than a built-in
 * reference), with full paths, so an error names the fields that are wrong. A union that says what
 * it wants itself (an ISO date "must be an ISO-8601 date or date-time") keeps its message: one
 * branch's alone ("Invalid ISO datetime") would hide that a plain date is accepted too.
 */
export function explainUnions(issues: readonly Issue[], prefix: readonly PropertyKey[] = []): Issue[] {
  return issues.flatMap((issue): Issue[] => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0 && issue.message === UNEXPLAINED_UNION)
      return explainUnions(meantBranch(issue.errors), path);
    return [{ ...issue, path } as Issue];
  });
}
