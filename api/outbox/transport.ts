// Where email goes. The dispatcher hands a transport a batch (at most 100) and gets one result
// per email back, in the same order.
export interface OutgoingEmail {
  notificationId: number;
  /** Derived from the notification's unique key: the provider sends a key once. */
  idempotencyKey: string;
  kind: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  links: string[];
}

export type SendResult =
  | { ok: true; messageId: string }
  | { ok: false; permanent: true; error: string }
  | { ok: false; permanent: false; error: string; retryAfterMs?: number };

export interface Transport {
  name: string;
  maxBatch: number;
  send(batch: OutgoingEmail[]): Promise<SendResult[]>;
}
