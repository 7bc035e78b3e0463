import type { Version } from '../platform/storage/table';

export type DeliveryOutcome = 'sent' | 'nothing-to-send';
/** `processing`: a worker claimed the event at `claimedAt`; anything else: it was handled. */
export type LoggedEvent = { state?: string; claimedAt?: Date; version: Version };

/** One entry per event id: who is sending it, and whether it was handled, so a repeat sends nothing. */
export interface NotificationLog {
  /** Claims the event for this worker; false when the log already has it. */
  claim(eventId: string, type: string, at: Date): Promise<boolean>;
  get(eventId: string): Promise<LoggedEvent | undefined>;
  /** Takes over the claim read at `version` (a crashed worker's); false when another worker changed it first. */
  takeOver(eventId: string, type: string, at: Date, version: Version): Promise<boolean>;
  /** Forgets the claim, so a retry may send. */
  release(eventId: string): Promise<void>;
  markDone(eventId: string, type: string, outcome: DeliveryOutcome, at: Date): Promise<void>;
}
