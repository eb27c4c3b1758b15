// What the signed-in account may use: the permission list /api/auth/me answers (the server's policy
// table), or — right after login, before that answer — the same table evaluated here.

import { useCallback } from 'react';
import { permissionsOf, type Permission } from '../../../server/access/policy.js';
import { isRole } from '../../../server/access/roles.js';
import type { User } from '../api.js';
import { useAuth } from './auth-context.js';

export type { Permission };

export function permissionsOfUser(user: User | null | undefined): string[] {
  if (!user) return [];
  if (user.permissions) return user.permissions;
  if (!isRole(user.role)) return [];
  return permissionsOf({ id: '', username: user.username, displayName: user.displayName, role: user.role, region: user.region ?? '510000', orgUscc: user.orgUscc ?? null });
}

/** `can(permission)` for the signed-in account. */
export function usePermissions(): (permission: Permission) => boolean {
  const { user } = useAuth();
  return useCallback((permission: Permission) => permissionsOfUser(user).includes(permission), [user]);
}
