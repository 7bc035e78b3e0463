import type { HttpRequest, HttpResponseInit, InvocationContext, Timer } from '@azure/functions';
import type { SessionUser } from '../accounts/accounts.schemas';
import type { QueueName } from '../platform/storage/storage';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/** Who may call a route; the HTTP pipeline enforces it before the handler runs. */
export type Access = 'public' | 'authenticated' | 'delegate' | 'officer';

export type Caller = { ip: string | undefined; sessionId: string | undefined; user: SessionUser | undefined };
export type SignedInCaller = Caller & { user: SessionUser };
export type CallerFor<A extends Access> = A extends 'public' ? Caller : SignedInCaller;

export type RoutedHttpHandler<A extends Access> = (
  request: HttpRequest,
  context: InvocationContext,
  caller: CallerFor<A>,
) => Promise<HttpResponseInit>;

export type HttpFunctionDefinition = {
  trigger: 'http';
  name: string;
  /** Functions route template, without the `api/` prefix: `providers/{nit}/credentials`. */
  route: string;
  methods: HttpMethod[];
  access: Access;
  /** What Azure (and the local host) call: the pipeline around the feature's handler. */
  handler: (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>;
};

export type QueueFunctionDefinition = {
  trigger: 'queue';
  name: string;
  queueName: QueueName;
  /** App-setting prefix of the storage connection (`IHCE_STORAGE` or `IHCE_STORAGE__queueServiceUri`…). */
  connection: 'IHCE_STORAGE';
  handler: (message: unknown, context: InvocationContext) => Promise<void>;
};

export type TimerFunctionDefinition = {
  trigger: 'timer';
  name: string;
  /** NCRONTAB with seconds, as Azure Functions reads it. */
  schedule: string;
  handler: (timer: Timer, context: InvocationContext) => Promise<void>;
};

export type FunctionDefinition = HttpFunctionDefinition | QueueFunctionDefinition | TimerFunctionDefinition;
