import * as z from 'zod';

/** A setting that may be absent; present, it has text (spaces trimmed). */
export const optionalText = z.string().trim().min(1).optional();

/** A comma-separated setting («a@x.co, b@y.co»): trimmed items, empty ones dropped, each checked by `item`. */
export const commaList = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .string()
    .optional()
    .transform((value) =>
      (value ?? '')
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item));
