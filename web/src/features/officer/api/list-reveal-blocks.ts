import type { RevealBrakes } from '../../../../../src/credentials/reveal-brakes';
import { apiRequest } from '../../../lib/api-client';

export type RevealBlocks = Awaited<ReturnType<RevealBrakes['blocked']>>;
export type RevealBlock = RevealBlocks['items'][number];

/** GET /api/officers/reveal-blocks: officials whose ClientSecret reveals are blocked after a burst. */
export function listRevealBlocks(): Promise<RevealBlocks> {
  return apiRequest<RevealBlocks>('GET', 'officers/reveal-blocks');
}
