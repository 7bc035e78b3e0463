type Hold = { method: string; path: RegExp; arrive(): void; released: Promise<void> };

/** Requests held before they are applied, so that a test can force an interleaving (two uploads, one PATCH held). */
export function createHolds() {
  const holds: Hold[] = [];
  return {
    hold({ method, path }: { method: string; path: RegExp }) {
      let arrive = () => {};
      let release = () => {};
      const arrived = new Promise<void>((resolve) => (arrive = resolve));
      holds.push({ method, path, arrive, released: new Promise<void>((resolve) => (release = resolve)) });
      return { arrived, release: () => release() };
    },
    /** Resolves at once, or (the first request a hold matches) once the test releases it. */
    async pass(method: string, path: string) {
      const index = holds.findIndex((item) => item.method === method && item.path.test(path));
      if (index < 0) return;
      const [held] = holds.splice(index, 1);
      held!.arrive();
      await held!.released;
    },
  };
}
