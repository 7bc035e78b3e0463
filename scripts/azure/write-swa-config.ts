import { runMain } from '../run-main';
import { gatewayFromEnv, writeSiteConfig } from './swa-config';

/**
 * `tsx scripts/azure/write-swa-config.ts` (npm run build:web): the base configuration.
 * `… --front-door` (azd predeploy hook of the web service): the base plus Front Door's forwardingGateway.
 */
runMain(async () => {
  const withFrontDoor = process.argv.includes('--front-door');
  const gateway = withFrontDoor ? gatewayFromEnv(process.env) : undefined;
  const target = await writeSiteConfig({ root: process.cwd(), gateway });
  console.log(
    gateway
      ? `${target}: solo admite Front Door ${gateway.frontDoorId} con ${gateway.hostNames.join(', ')}.`
      : `${target}: configuración base (sin forwardingGateway; la agrega el paso predeploy de azd).`,
  );
  return 0;
});
