/** The part of autocannon's API the benchmark uses (the package ships no types). */
declare module 'autocannon' {
  type RawRequest = { method?: string; path?: string; headers?: Record<string, string>; body?: string };
  type Options = {
    url: string;
    connections: number;
    duration?: number;
    amount?: number;
    timeout?: number;
    requests?: { setupRequest?: (request: RawRequest) => RawRequest }[];
  };
  type Result = { duration: number; errors: number; timeouts: number; non2xx: number; requests: { total: number } };
  type Instance = Promise<Result> & {
    on(event: 'response', listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): void;
  };
  function autocannon(options: Options): Instance;
  export default autocannon;
}
