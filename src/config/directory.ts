import * as z from 'zod';
import { commaList } from './setting-types';

/** The directory's settings. */
export const directorySettings = {
  /**
   * The officials (usernames, comma-separated, e.g. `CC2000000001`) who may upload and apply the delegates and
   * officials files from the web: those files decide who sees each provider's keys. Empty (the default): nobody
   * from the web, only `npm run directory:import`; the providers file stays open to every official.
   */
  DIRECTORY_ADMINS: commaList(z.string().regex(/^[A-Za-z0-9-]{3,64}$/, 'usuarios separados por coma (p. ej. CC2000000001)')),
};
