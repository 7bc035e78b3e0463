import type { HttpRequest, HttpResponseInit, InvocationContext, Timer } from '@azure/functions';
import type { SessionUser } from '../accounts/accounts.schemas';
import { withInvocationLog } from '../platform/invocation-log';
import type { QueueName } from '../platform/storage/storage';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/** Who may call a route; the HTTP pipeline enforces it before the handler runs. */
/** `second-factor`: any live session, also one whose official has passed the password but not yet the second factor. */
export type Access = 'public' | 'authenticated' | 'delegate' | 'officer' | 'second-factor';

export type Caller = {
  ip: string | undefined;
  sessionId: string | undefined;
  user: SessionUser | undefined;
  /** When this session last passed a second factor (absent: never). */
  secondFactorAt?: Date | undefined;
  /** True only on `second-factor` routes, for a session still waiting for the factor. */
  pendingSecondFactor?: boolean;
};
export type SignedInCaller = Caller & { user: SessionUser };
export type CallerFor<A extends Access> = A extends 'public' ? Caller : SignedInCaller;

/** What every handler gets besides its input: the services built once at start, and the invocation. */
export type Invocation<S> = { services: S; context: InvocationContext };
/** What an HTTP handler gets besides the request: also the caller the pipeline admitted. */
export type HttpCall<A extends Access, S> = Invocation<S> & { caller: CallerFor<A> };

/**
 * A function as its file declares it. Its handler needs the app's services (`S`), which exist only once
 * the app has started: `bindFunctions` hands them over, and what it answers is what Azure and the local host run.
 * Written without `S`, the type takes a definition of any services.
 */
export type HttpFunctionDefinition<S = never> = {
  trigger: 'http';
  name: string;
  /** Functions route template, without the `api/` prefix: `providers/{nit}/credentials`. */
  route: string;
  methods: HttpMethod[];
  access: Access;
  /** The largest declared body the route takes, when more than the default 64 KB (uploads). */
  maxBodyBytes?: number;
  /** The pipeline around the feature's handler. */
  handler: (request: HttpRequest, invocation: Invocation<S>) => Promise<HttpResponseInit>;
};

export type QueueFunctionDefinition<S = never> = {
  trigger: 'queue';
  name: string;
  /** A `-poison` queue too: what the platform gave up on (its own failures go to `<name>-poison-poison`). */
  queueName: QueueName | `${QueueName}-poison`;
  /** App-setting prefix of the storage connection (`IHCE_STORAGE` or `IHCE_STORAGE__queueServiceUri`…). */
  connection: 'IHCE_STORAGE';
  handler: (message: unknown, invocation: Invocation<S>) => Promise<void>;
};

export type TimerFunctionDefinition<S = never> = {
  trigger: 'timer';
  name: string;
  /** NCRONTAB with seconds, as Azure Functions reads it. */
  schedule: string;
  handler: (timer: Timer, invocation: Invocation<S>) => Promise<void>;
};

export type FunctionDefinition<S = never> = HttpFunctionDefinition<S> | QueueFunctionDefinition<S> | TimerFunctionDefinition<S>;

/** A definition given the app's services: its handler takes what the Functions runtime passes, nothing more. */
export type BoundFunction<D extends FunctionDefinition<never> = FunctionDefinition<never>> = D extends unknown
  ? Omit<D, 'handler'> & { handler: (input: Parameters<D['handler']>[0], context: InvocationContext) => ReturnType<D['handler']> }
  : never;
export type BoundHttpFunction = BoundFunction<HttpFunctionDefinition>;
export type BoundQueueFunction = BoundFunction<QueueFunctionDefinition>;
export type BoundTimerFunction = BoundFunction<TimerFunctionDefinition>;

export function bindFunction<S, D extends FunctionDefinition<S>>(definition: D, services: S): BoundFunction<D> {
  // TypeScript cannot follow each trigger's input type through the union; the handler keeps its own.
  const handler = definition.handler as (input: unknown, invocation: Invocation<S>) => Promise<unknown>;
  // Every line the invocation's work logs, through the services too, goes through its context (invocation-log.ts).
  const bound = {
    ...definition,
    handler: (input: unknown, context: InvocationContext) => withInvocationLog(context, () => handler(input, { services, context })),
  };
  return bound as unknown as BoundFunction<D>;
}

/** The one place where the list of definitions meets the services built at start: Azure, the local host and tests all use it. */
export function bindFunctions<S>(definitions: readonly FunctionDefinition<S>[], services: S): BoundFunction[] {
  return definitions.map((definition) => bindFunction(definition, services));
}
