// oidc-provider ships no types and @types/oidc-provider is not installed: just the part the local provider uses.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  type Ctx = { type: string; body: unknown };
  type Account = { accountId: string; claims: () => Promise<Record<string, unknown>> };
  export type Configuration = {
    clients: Record<string, unknown>[];
    jwks: { keys: Record<string, unknown>[] };
    cookies: { keys: string[] };
    pkce: { required: () => boolean };
    features: Record<string, { enabled: boolean }>;
    conformIdTokenClaims: boolean;
    claims: Record<string, string[] | null>;
    findAccount: (ctx: unknown, sub: string) => Promise<Account | undefined>;
    interactions: { url: (ctx: unknown, interaction: { uid: string }) => string };
    renderError: (ctx: Ctx, out: { error: string; error_description?: string }) => Promise<void>;
  };
  type InteractionDetails = {
    uid: string;
    prompt: { name: string };
    params: Record<string, unknown>;
    session?: { accountId: string };
    grantId?: string;
  };
  class Grant {
    constructor(input: { accountId: string; clientId: string });
    static find(id: string): Promise<Grant | undefined>;
    addOIDCScope(scope: string): void;
    save(): Promise<string>;
  }
  export default class Provider {
    constructor(issuer: string, configuration: Configuration);
    Grant: typeof Grant;
    callback(): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: Record<string, unknown>,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
  }
}
