import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretBox } from '../../src/shared/secret-box.js';

describe('SecretBox.digest', () => {
  it('tells equal content from changed content although sealing the same value twice differs', () => {
    const box = new SecretBox(randomBytes(32));
    const template = 'SlVTVEFURU1QTEFURQ==';
    expect(box.seal(template)).not.toBe(box.seal(template));
    expect(box.digest(template)).toBe(box.digest(template));
    expect(box.digest(template)).not.toBe(box.digest(template + 'A'));
    expect(box.digest(template)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('depends on the key: without it a digest cannot be matched against a guessed template', () => {
    const a = new SecretBox(Buffer.alloc(32, 1));
    const b = new SecretBox(Buffer.alloc(32, 2));
    expect(a.digest('same')).not.toBe(b.digest('same'));
    expect(a.digest('same')).toBe(new SecretBox(Buffer.alloc(32, 1)).digest('same'));
  });
});
