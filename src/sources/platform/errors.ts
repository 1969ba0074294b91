import { AppError } from '../../shared/errors.js';

/**
 * Stable codes for everything that can go wrong talking to DingTalk or WeCom. Callers switch on
 * these (the sync job decides retry vs. alert from them), so never reword one.
 */
export type ConnectorErrorCode =
  | 'CONNECTOR_BAD_CREDENTIALS'
  | 'CONNECTOR_TOKEN_INVALID'
  | 'CONNECTOR_RATE_LIMITED'
  | 'CONNECTOR_IP_BANNED'
  | 'CONNECTOR_QUOTA_EXHAUSTED'
  | 'CONNECTOR_PERMISSION_DENIED'
  | 'CONNECTOR_IP_NOT_ALLOWED'
  | 'CONNECTOR_UPSTREAM_ERROR'
  | 'CONNECTOR_TIMEOUT'
  | 'CONNECTOR_NETWORK'
  | 'CONNECTOR_BAD_RESPONSE'
  | 'CONNECTOR_REQUEST_REJECTED'
  | 'CONNECTOR_INVALID_RECIPIENTS'
  | 'CALLBACK_BAD_SIGNATURE'
  | 'CALLBACK_BAD_RECEIVE_ID'
  | 'CALLBACK_BAD_CIPHERTEXT'
  | 'CALLBACK_MALFORMED'
  | 'CALLBACK_STALE'
  | 'CALLBACK_REPLAY'
  | 'CONNECTOR_BAD_CONFIG';

export type Platform = 'dingtalk' | 'wecom';

export interface ConnectorErrorDetails {
  platform?: Platform;
  /** The API path (never the full URL: query strings can carry tokens). */
  api?: string;
  errcode?: number | string;
  errmsg?: string;
  httpStatus?: number;
  attempts?: number;
  [key: string]: unknown;
}

const STATUS: Partial<Record<ConnectorErrorCode, number>> = {
  CONNECTOR_BAD_CREDENTIALS: 502,
  CONNECTOR_RATE_LIMITED: 503,
  CONNECTOR_IP_BANNED: 503,
  CONNECTOR_QUOTA_EXHAUSTED: 503,
  CONNECTOR_TIMEOUT: 504,
  CALLBACK_BAD_SIGNATURE: 401,
  CALLBACK_BAD_RECEIVE_ID: 401,
  CALLBACK_STALE: 401,
  CALLBACK_REPLAY: 409,
  CALLBACK_BAD_CIPHERTEXT: 400,
  CALLBACK_MALFORMED: 400,
  CONNECTOR_BAD_CONFIG: 400,
};

export class ConnectorError extends AppError {
  override readonly code: ConnectorErrorCode;
  constructor(code: ConnectorErrorCode, message: string, details: ConnectorErrorDetails = {}) {
    super(code, message, STATUS[code] ?? 502, details);
    this.code = code;
    this.name = 'ConnectorError';
  }

  get info(): ConnectorErrorDetails {
    return (this.details ?? {}) as ConnectorErrorDetails;
  }
}

export const isConnectorError = (e: unknown, code?: ConnectorErrorCode): e is ConnectorError =>
  e instanceof ConnectorError && (code === undefined || e.code === code);
