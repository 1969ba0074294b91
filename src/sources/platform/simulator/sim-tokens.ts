import { randomBytes } from 'node:crypto';

/**
 * Access tokens as both platforms issue them: one live token per app; asking again inside its
 * validity returns the same token (DingTalk also extends it); expiry or `revoke` forces a new one.
 */
export class SimTokens {
  private readonly byApp = new Map<string, { token: string; expiresAt: number }>();
  private readonly byToken = new Map<string, { app: string; expiresAt: number; issuedAt?: number }>();
  issued = 0;

  constructor(
    private readonly ttlSec: number,
    private readonly extendOnReuse: boolean,
    private readonly now: () => number = Date.now,
  ) {}

  issue(app: string): { token: string; expiresIn: number } {
    const t = this.now();
    const cur = this.byApp.get(app);
    if (cur && cur.expiresAt > t && this.byToken.has(cur.token)) {
      if (this.extendOnReuse) {
        cur.expiresAt = t + this.ttlSec * 1000;
        this.byToken.set(cur.token, { ...this.byToken.get(cur.token)!, expiresAt: cur.expiresAt });
      }
      return { token: cur.token, expiresIn: Math.round((cur.expiresAt - t) / 1000) };
    }
    const token = randomBytes(16).toString('hex');
    const expiresAt = t + this.ttlSec * 1000;
    this.byApp.set(app, { token, expiresAt });
    this.byToken.set(token, { app, expiresAt, issuedAt: t });
    this.issued += 1;
    return { token, expiresIn: this.ttlSec };
  }

  /** 'ok' with the app, or why the token is refused. */
  check(token: string | null | undefined): { status: 'ok'; app: string } | { status: 'missing' | 'invalid' | 'expired' } {
    if (!token) return { status: 'missing' };
    const e = this.byToken.get(token);
    if (!e) return { status: 'invalid' };
    if (e.expiresAt <= this.now()) return { status: 'expired' };
    return { status: 'ok', app: e.app };
  }

  /** Milliseconds since the token was first issued (Infinity when unknown). */
  age(token: string): number {
    const e = this.byToken.get(token);
    return e?.issuedAt === undefined ? Infinity : this.now() - e.issuedAt;
  }

  /** Expire one token now (a fault) or all of them (a test helper). */
  revoke(token?: string): void {
    for (const [t, e] of this.byToken) {
      if (token === undefined || t === token) {
        e.expiresAt = 0;
        const cur = this.byApp.get(e.app);
        if (cur?.token === t) cur.expiresAt = 0;
      }
    }
  }
}
