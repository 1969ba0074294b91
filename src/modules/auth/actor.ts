/** Who is making a request, as every service sees it. */
import { ROLES as ROLE_LIST, TOKEN_SCOPES, type Role, type TokenScope } from '../../shared/enums.js';

export type { Role };
export const ROLES: Role[] = [...ROLE_LIST];

/** API token scopes. A token never has more power than its owner's role. */
export type Scope = TokenScope;
export const SCOPES: Scope[] = [...TOKEN_SCOPES];

export interface Actor {
  kind: 'user' | 'token' | 'system';
  userId: number | null;
  name: string;
  role: Role;
  /** Companies the actor belongs to; admins see every company whatever this holds. */
  companyIds: number[];
  employeeId: number | null;
  tokenId: number | null;
  scopes: Scope[] | null;
  ip: string | null;
  /** The user still has a password someone else set (admin, first start): only auth endpoints answer. */
  mustChangePassword?: boolean;
}

/** The actor for work the system does by itself (jobs, device pushes, callbacks). */
export function systemActor(name = 'system'): Actor {
  return { kind: 'system', userId: null, name, role: 'admin', companyIds: [], employeeId: null, tokenId: null, scopes: null, ip: null };
}
