// The API's shapes of an import: the report of one that went in, and the 422 of one refused with its
// problems by row and column. Every capability's import routes answer with these.
import { z } from '@hono/zod-openapi';

export const ImportReport = z
  .object({
    kind: z.string(),
    rows: z.number().int(),
    inserted: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    dryRun: z.boolean(),
  })
  .openapi('ImportReport');

/** One problem of a rejected import, as the error's details list it. */
const ImportProblem = z
  .object({
    row: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'Spreadsheet row (the header is row 1); null for the file as a whole' }),
    column: z.string().nullable(),
    message: z.string().openapi({ example: '"2001-13-45" is not a date (use YYYY-MM-DD)' }),
    reason: z.string().openapi({
      description:
        "The message without the row's own values: problems beyond the listed ones are counted by it",
      example: 'is not a date (use YYYY-MM-DD)',
    }),
    text: z
      .string()
      .openapi({ example: 'row 14, column opened_on: "2001-13-45" is not a date (use YYYY-MM-DD)' }),
  })
  .openapi('ImportProblem');

export type ImportProblem = z.infer<typeof ImportProblem>;

/** Problems beyond those listed, of one reason in one column. */
const ImportProblemCount = z.object({
  column: z.string().nullable(),
  reason: z.string(),
  count: z.number().int(),
});
export type ImportProblemCount = z.infer<typeof ImportProblemCount>;

/** The 422 of an import: the first 1,000 problems in full, the rest counted by column and reason. */
const ImportRejectedBody = z
  .object({
    error: z.object({
      code: z.literal('unprocessable'),
      message: z.string().openapi({
        example:
          'The data-values file was not imported: 2,500 problems found, nothing was written. The first 1,000 are ' +
          'listed; the other 1,500 are counted by column and reason',
      }),
      details: z.array(ImportProblem).nullable().openapi({
        description:
          'The first problems in row order, then column: at most 1,000. Null when the file cannot be read at all',
      }),
      problems: z
        .object({
          total: z.number().int().openapi({ description: 'Every problem found' }),
          listed: z.number().int().openapi({ description: 'How many of them details lists' }),
          more: z
            .array(ImportProblemCount)
            .openapi({ description: 'The problems not listed, by column and reason, most frequent first' }),
        })
        .optional(),
    }),
  })
  .openapi('ImportRejected');

export const importRejectedResponse = (description: string) => ({
  content: { 'application/json': { schema: ImportRejectedBody } },
  description,
});

export type ImportReport = z.infer<typeof ImportReport>;
