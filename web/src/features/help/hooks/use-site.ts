import { useEffect, useState } from 'preact/hooks';
import { getSite, type SiteIdentity } from '../api/get-site';

/** The entity's contact, read once per page load; undefined until it arrives (or if the API is down). */
export function useSite(): SiteIdentity | undefined {
  const [site, setSite] = useState<SiteIdentity | undefined>();
  useEffect(() => {
    getSite()
      .then(setSite)
      .catch((error: unknown) => console.warn(error));
  }, []);
  return site;
}
