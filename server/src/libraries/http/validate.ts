import type { z } from 'zod';
import { AppError, type TFieldError } from '@siar/shared';

/** Maps zod issues to field errors whose keys the problem renderer translates. */
export function toFieldErrors(issues: z.core.$ZodIssue[]): TFieldError[] {
  return issues.map((issue) => {
    const custom = issue.message && /^[a-z_]+$/.test(issue.message) ? issue.message : undefined;
    // With reportInput, zod leaves `input` out exactly when the value is missing.
    const missing = issue.code === 'invalid_type' && (!('input' in issue) || issue.input === undefined);
    const key = custom ?? (missing ? 'required' : issue.code);
    return { field: issue.path.join('.') || '(body)', key };
  });
}

export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  // reportInput tells a missing value from a wrong one; the input itself is never echoed back.
  const result = schema.safeParse(input, { reportInput: true });
  if (!result.success) throw new AppError('validation', { fieldErrors: toFieldErrors(result.error.issues) });
  return result.data;
}
