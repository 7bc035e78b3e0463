import azureFunctions from '@azure/functions';

/**
 * The package is CommonJS without static named exports, so Node's ESM loader only sees its default export.
 * Classes are taken from there; types keep coming from `import type { … } from '@azure/functions'`.
 */
export const { app, HttpRequest, HttpResponse, InvocationContext } = azureFunctions;
