/** Web clock-in: single-use punch challenges and the photos taken with web punches. */

export interface PunchChallengesTable {
  /** SHA-256 (hex) of the token; the token itself is never stored. */
  token_hash: string;
  user_id: number;
  employee_id: number;
  issued_at_ms: number;
  expires_at_ms: number;
}

export interface CheckinPhotosTable {
  company_id: number;
  /** The idempotency key of the punch the photo belongs to. */
  idempotency_key: string;
  mime: 'image/jpeg' | 'image/png' | 'image/webp';
  bytes: Buffer;
  created_at_ms: number;
}
