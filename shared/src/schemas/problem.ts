import { z } from 'zod';

/** RFC 9457 problem details, as every API error is answered. */
export const ZProblem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  code: z.string(),
  errors: z
    .array(z.object({ field: z.string(), key: z.string(), message: z.string() }))
    .optional(),
});
export type TProblem = z.infer<typeof ZProblem>;
