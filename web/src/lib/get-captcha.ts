import type { CaptchaService } from '../../../src/accounts/captcha.service';
import { apiRequest } from './api-client';

/** An ALTCHA challenge, as the captcha service issues it. */
export type Challenge = Awaited<ReturnType<CaptchaService['issue']>>;

/** GET /api/captcha: a fresh proof-of-work challenge for «No soy un robot». */
export function getCaptcha(): Promise<Challenge> {
  return apiRequest<Challenge>('GET', 'captcha');
}
