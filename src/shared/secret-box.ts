/**
 * Encrypts secrets at rest (connector app secrets, AES keys, device tokens) with
 * AES-256-GCM. The stored form is `v1:<iv>:<tag>:<ciphertext>` in base64url.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { decodeKey } from '../config.js';
import { AppError } from './errors.js';

export class SecretBox {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('SecretBox needs a 32-byte key');
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join(':');
  }

  /**
   * A keyed digest of a value that is sealed elsewhere: equal values give equal digests, so a
   * changed value can be told from a re-sent one (sealing is randomised) without opening anything,
   * and without the key the digest cannot be matched against guessed values.
   */
  digest(plain: string): string {
    this.digestKey ??= createHmac('sha256', this.key).update('daka:content-digest:v1').digest();
    return createHmac('sha256', this.digestKey).update(plain, 'utf8').digest('base64url');
  }

  private digestKey: Buffer | undefined;

  open(sealed: string): string {
    const [version, iv, tag, body] = sealed.split(':');
    if (version !== 'v1' || !iv || !tag || body === undefined) {
      throw new AppError('SECRET_UNREADABLE', 'A stored secret has an unknown format', 500);
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new AppError('SECRET_UNREADABLE', 'A stored secret cannot be decrypted with the configured DAKA_SECRET_KEY', 500);
    }
  }
}

/** The configured key, or one generated once into the data directory (mode 0600). */
export function loadOrCreateKey(configured: string | null, dataDir: string): Buffer {
  if (configured) {
    const key = decodeKey(configured);
    if (!key) throw new Error('DAKA_SECRET_KEY is not a 32-byte key');
    return key;
  }
  const file = path.join(dataDir, 'secret.key');
  if (existsSync(file)) {
    const key = decodeKey(readFileSync(file, 'utf8').trim());
    if (!key) throw new Error(`${file} does not hold a 32-byte key`);
    return key;
  }
  const key = randomBytes(32);
  writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  return key;
}
