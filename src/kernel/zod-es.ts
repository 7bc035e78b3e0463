import * as z from 'zod';
import es from 'zod/v4/locales/es.js';

/** Zod's own messages (wrong type, say) in Spanish; our schemas set their own messages where it matters. */
z.config(es());
