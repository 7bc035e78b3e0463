/** A reveal that failed, announced next to the key it was for. */
export function SecretError({ error }: { error: string | undefined }) {
  if (!error) return null;
  return (
    <p class="field-error" role="alert">
      {error}
    </p>
  );
}
