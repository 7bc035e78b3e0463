import * as z from 'zod';
import es from 'zod/v4/locales/es.js';

// Zod's own messages in Spanish, as the API configures them (src/kernel/zod-es.ts), so a message checked
// here reads exactly as the server's would. Set here because web code may import only *.schemas.ts from src.
z.config(es());
