import type { Services } from '../src/composition-root';
import type { Invocation, QueueFunctionDefinition } from '../src/http/function-definition';

/** Storage Queue trigger: runs an applied directory upload. Throws on failure so the platform retries (the job resumes). */
export async function runDirectoryImport(message: unknown, { services, context }: Invocation<Services>): Promise<void> {
  const outcome = await services.directoryUploads.run(message);
  context.log(`Directorio ${context.triggerMetadata?.id ?? ''}: ${outcome}`);
}

export const definition: QueueFunctionDefinition<Services> = {
  trigger: 'queue',
  name: 'directory-imports-run',
  queueName: 'dirimports',
  connection: 'IHCE_STORAGE',
  handler: runDirectoryImport,
};
