import type { z } from 'zod';
import { AppError, type TFieldError } from '@siar/shared';

/** Maps zod issues to field errors whose keys the problem renderer translates. */
export function toFieldErrors(issues: z.core.$ZodIssue[]): TFieldError[] {
  return issues.map((issue) => {
    const custom = issue.message && /^[a-z_]+$/.test(issue.message) ? issue.message : undefined;
    const key = custom ?? (issue.code === 'invalid_type' && issue.input === undefined ? 'required' : issue.code);
    return { field: issue.path.join('.') || '(body)', key };
  });
}

export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) throw new AppError('validation', { fieldErrors: toFieldErrors(result.error.issues) });
  return result.data;
}
