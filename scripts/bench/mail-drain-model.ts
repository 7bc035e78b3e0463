/**
 * Mail under throttling in SIMULATED time. Draining 500 e-mails at the Azure-managed domain's 10 per hour
 * takes 50 hours, and the queue's visibility timeouts are whole seconds (a scaled-down clock cannot go below
 * 1 s per "minute" window without distorting it), so the drain is replayed on a virtual clock:
 * - the ACS side is the local fake's rule (tests/support/acs-email-fake.ts), one fixed window per limit that
 *   restarts at the first send after it ends, with BOTH the per-minute and the per-hour window; a refused send
 *   answers Retry-After = seconds until the window that refused ends (at least 1, rounded up, as acs-mailer does);
 * - the app side is the dispatcher's rule (src/notifications/notification-dispatcher.ts): a throttled event goes
 *   back hidden for Retry-After with `throttled + 1` while its age (from its creation: all are created at time 0)
 *   is under the budget MAIL_THROTTLE_MAX_HOURS; past it the error is thrown: from then on the queue retries it
 *   every `visibilitySeconds` (host.json: 30 s) and after `maxDequeueCount` (5) failed tries it goes to
 *   notifications-poison.
 * The constants come from the product (passed in by the bench), so changing them changes the result.
 */
export type Limit = { perWindow: number; windowSeconds: number };
export type DrainRules = { throttleBudgetSeconds: number; maxDequeueCount: number; visibilitySeconds: number };
export type DrainResult = { sent: number; poisoned: number; drainSeconds: number; throttles: number; maxThrottledOfOne: number };

type Message = { id: number; visibleAt: number; throttled: number; failures: number };

export function simulateDrain(total: number, limits: readonly Limit[], rules: DrainRules): DrainResult {
  const windows = limits.map((limit) => ({ ...limit, start: -Infinity, used: 0 }));
  const queue: Message[] = Array.from({ length: total }, (_, id) => ({ id, visibleAt: 0, throttled: 0, failures: 0 }));
  let sent = 0;
  let poisoned = 0;
  let throttles = 0;
  let maxThrottledOfOne = 0;
  let last = 0;
  while (queue.length > 0) {
    // The earliest visible message (ties: the older one), as the queue hands them out.
    queue.sort((a, b) => a.visibleAt - b.visibleAt || a.id - b.id);
    const message = queue.shift()!;
    const now = message.visibleAt;
    for (const w of windows) if (now - w.start >= w.windowSeconds) Object.assign(w, { start: now, used: 0 });
    const full = windows.filter((w) => w.used >= w.perWindow);
    if (full.length === 0) {
      for (const w of windows) w.used++;
      sent++;
      last = now;
      continue;
    }
    throttles++;
    const retryAfter = Math.max(1, Math.ceil(Math.max(...full.map((w) => w.start + w.windowSeconds - now))));
    if (now < rules.throttleBudgetSeconds) {
      message.throttled++;
      maxThrottledOfOne = Math.max(maxThrottledOfOne, message.throttled);
      queue.push({ ...message, visibleAt: now + retryAfter });
      continue;
    }
    // Thrown: an ordinary failed try, retried after the visibility timeout, poisoned after the last one.
    message.failures++;
    if (message.failures >= rules.maxDequeueCount) {
      poisoned++;
      last = now;
      continue;
    }
    queue.push({ ...message, visibleAt: now + rules.visibilitySeconds });
  }
  return { sent, poisoned, drainSeconds: last, throttles, maxThrottledOfOne };
}

/** The allowed time to send `total` e-mails under the limits: the slowest limit, whole windows. */
export function allowedDrainSeconds(total: number, limits: readonly Limit[]): number {
  return Math.max(...limits.map((l) => (Math.ceil(total / l.perWindow) - 1) * l.windowSeconds));
}
