// Where email goes. The dispatcher hands a transport a batch (at most maxBatch) and gets one
// result per email back, in the same order.
export interface OutgoingEmail {
  notificationId: number;
  /** The notification's unique key (kind:deal:recipient). */
  idempotencyKey: string;
  kind: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  links: string[];
}

interface SendOptions {
  /**
   * The batch's idempotency key, derived from its members' keys. The dispatcher only ever sends
   * the same members with the same content under one key (see docs/decisions/003-email-delivery.md).
   */
  batchKey: string;
}

export type SendResult =
  | { ok: true; messageId: string }
  | { ok: false; permanent: true; error: string }
  | {
      ok: false;
      permanent: false;
      error: string;
      retryAfterMs?: number;
      /**
       * Not the email's fault (a bad API key, an exhausted quota, our own pacing): the try does
       * not count towards the attempts after which a notification is given up.
       */
      hold?: boolean;
      /**
       * The provider certainly did not send the email. "call": this call was refused before
       * anything was sent (401, 403, 429, or our own pacing); that says nothing about an earlier
       * call with the same key. "key": the provider's answer for the batch's idempotency key says
       * so, and that answer covers every call made with the key. Leave it unset when the outcome
       * is unknown (a lost answer, a 5xx). The dispatcher re-forms a batch only when no call with
       * its key may have sent it.
       */
      unsent?: "call" | "key";
    };

export interface Transport {
  name: string;
  maxBatch: number;
  /**
   * A transport answers either definitively for every email (sent, or refused for good) or with
   * a retryable result for all of them when the outcome is unknown or the whole call failed.
   */
  send(batch: OutgoingEmail[], options: SendOptions): Promise<SendResult[]>;
}
