import * as z from 'zod';

/** A setting that may be absent; present, it has text (spaces trimmed). */
export const optionalText = z.string().trim().min(1).optional();
