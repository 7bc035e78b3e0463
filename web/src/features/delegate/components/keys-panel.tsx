import type { EnvironmentView } from '../../../../../src/credentials/credentials.schemas';
import { EnvironmentCard } from './environment-card';

/** Paso 2 – Visualización de las llaves (seed 6.4.1.2): one card per environment. */
export function KeysPanel({ environments }: { environments: EnvironmentView[] }) {
  return (
    <section aria-labelledby="paso-2">
      <h2 id="paso-2">Paso 2 – Visualización de las llaves</h2>
      <p>
        Entregue estos datos al proveedor tecnológico de su Sistema de Información Hospitalario. El ClientSecret es confidencial: muéstrelo
        solo cuando lo vaya a usar.
      </p>
      <div class="environments">
        {environments.map((environment) => (
          <EnvironmentCard key={environment.environment} environment={environment} />
        ))}
      </div>
    </section>
  );
}
