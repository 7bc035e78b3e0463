import { AsyncLocalStorage } from 'node:async_hooks';

/** The part of the Functions InvocationContext that writes logs. */
export type InvocationLog = {
  log(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
};

const current = new AsyncLocalStorage<InvocationLog>();

/** Runs `work` with `context` as the log of everything it reaches, the services built once at start included. */
export const withInvocationLog = <T>(context: InvocationLog, work: () => T): T => current.run(context, work);

const detail = (error: unknown) => (error instanceof Error ? [error.message] : []);

/**
 * The services' log. Inside an invocation it writes through that invocation's context, so Application Insights
 * tags the line with its operation id (a bare console line is not tied to any invocation:
 * https://learn.microsoft.com/azure/azure-functions/functions-reference-node#logging); outside one (start-up,
 * scripts), to the console.
 */
export const appLog = {
  info: (message: string) => (current.getStore() ?? console).log(message),
  warn: (message: string, error?: unknown) => (current.getStore() ?? console).warn(message, ...detail(error)),
  error: (message: string, error?: unknown) => (current.getStore() ?? console).error(message, ...detail(error)),
};
