import type { Services } from '../src/composition-root';
import type { Invocation, QueueFunctionDefinition } from '../src/http/function-definition';

/**
 * Storage Queue trigger on `dirimports-poison`: a directory job whose message ran out of tries is closed as failed,
 * its lock let go and its official e-mailed. The marker line feeds the «IHCE: mensajes en una cola envenenada» alert
 * (logged first, so that the alert fires even if closing fails). Throws on failure so the platform retries.
 */
export async function failDirectoryImport(message: unknown, { services, context }: Invocation<Services>): Promise<void> {
  context.error(
    `IHCE-COLA-ENVENENADA: dirimports-poison recibió el mensaje ${context.triggerMetadata?.id ?? ''} de una importación del directorio que agotó sus reintentos; se cierra como fallida y se avisa al funcionario (no hace falta reenviarlo).`,
  );
  const outcome = await services.poisonedUploads.fail(message);
  context.log(`Directorio (cola envenenada): ${outcome}`);
}

export const definition: QueueFunctionDefinition<Services> = {
  trigger: 'queue',
  name: 'directory-imports-fail',
  queueName: 'dirimports-poison',
  connection: 'IHCE_STORAGE',
  handler: failDirectoryImport,
};
