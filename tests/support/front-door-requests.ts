/**
 * What Azure Front Door (Standard/Premium) sends to the origin, in the shapes Microsoft documents in "Protocol
 * support for HTTP headers in Azure Front Door", section "From the Front Door to the backend"
 * (https://learn.microsoft.com/azure/frontdoor/front-door-http-headers-protocol): `Via: 1.1 Azure`,
 * `X-Azure-ClientIP`, `X-Azure-SocketIP`, `X-Azure-Ref`, `X-Azure-RequestChain: hops=1`, `X-Azure-FDID` (the
 * page's example GUID below), `X-Forwarded-For` (Front Door appends the socket IP to a client's own list, or
 * starts one), `X-Forwarded-Host` and `X-Forwarded-Proto`. The page also says the client IP "can be
 * arbitrarily overwritten by a user", unlike the socket IP.
 *
 * These are shapes built from that page, not captures from a deployed profile: once Front Door is deployed,
 * replace them with headers logged from a real request (the address values here are documentation ranges).
 * Behind Front Door, the App Service front end of the Function App appends the address it received from
 * (Front Door's backend, `AzureFrontDoor.Backend` range) to X-Forwarded-For, with a port.
 */
export const FRONT_DOOR_ID = '55ce4ed1-4b06-4bf1-b40e-4638452104da';
/** Another profile's GUID: someone else's Front Door in front of our `*.azurewebsites.net` host. */
export const OTHER_FRONT_DOOR_ID = 'a0a0a0a0-bbbb-cccc-dddd-e1e1e1e1e1e1';
const FRONT_DOOR_BACKEND = '147.243.112.35';

export function frontDoorHeaders(options: {
  /** The TCP peer Front Door's edge accepted. */
  socketIp: string;
  /** What Front Door put in X-Azure-ClientIP; it equals the socket IP unless the client claimed otherwise. */
  clientIp?: string;
  /** An X-Forwarded-For the client itself sent (Front Door keeps it and appends the socket IP). */
  clientForwardedFor?: string;
  fdid?: string;
}): Record<string, string> {
  const forwarded = [options.clientForwardedFor, options.socketIp].filter(Boolean).join(', ');
  return {
    via: '1.1 Azure',
    'x-azure-clientip': options.clientIp ?? options.socketIp,
    'x-azure-socketip': options.socketIp,
    'x-azure-ref': '0zxV+XAAAAABKMMOjBv2NT4TY6SQVjC0zV1NURURHRTA2MTkANDM3YzgyY2QtMzYwYS00YTU0LTk0YzMtNWZmNzA3NjQ3Nzgz',
    'x-azure-requestchain': 'hops=1',
    'x-azure-fdid': options.fdid ?? FRONT_DOOR_ID,
    'x-forwarded-for': `${forwarded}, ${FRONT_DOOR_BACKEND}:51234`,
    'x-forwarded-host': 'ihce.minsalud.gov.co',
    'x-forwarded-proto': 'https',
  };
}

/** Named shapes the unit and integration tests share. */
export const recorded = {
  /** A browser on IPv4, straight to Front Door. */
  ipv4: frontDoorHeaders({ socketIp: '203.0.113.7' }),
  /** A browser on IPv6. */
  ipv6: frontDoorHeaders({ socketIp: '2001:db8:85a3::8a2e:370:7334' }),
  /** A client that wrote its own X-Forwarded-For (and so its own client IP) before reaching Front Door. */
  claimsAnotherAddress: frontDoorHeaders({ socketIp: '203.0.113.7', clientIp: '198.51.100.99', clientForwardedFor: '198.51.100.99' }),
  /** Through another Front Door profile (not ours) to the app's public host. */
  otherProfile: frontDoorHeaders({ socketIp: '203.0.113.7', fdid: OTHER_FRONT_DOOR_ID }),
  /** A direct call that forges Front Door's headers but has no FDID. */
  forgedWithoutFdid: {
    'x-azure-clientip': '198.51.100.50',
    'x-azure-socketip': '198.51.100.50',
    'x-forwarded-for': '198.51.100.50',
  },
};
