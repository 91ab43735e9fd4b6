import type { SessionUser } from '@targetline/contract';
import { canLockQuarter, canWriteActual, canWritePlan, type Unit } from '@targetline/core';
import { createContext, type ReactNode, useContext } from 'react';

const CurrentUserContext = createContext<SessionUser | null>(null);

export function CurrentUserProvider({
  user,
  children,
}: {
  user: SessionUser;
  children: ReactNode;
}) {
  return <CurrentUserContext.Provider value={user}>{children}</CurrentUserContext.Provider>;
}

/** The logged-in user; only inside the part of the app shown after log-in. */
export function useCurrentUser(): SessionUser {
  const user = useContext(CurrentUserContext);
  if (!user) throw new Error('useCurrentUser is used outside a logged-in session');
  return user;
}

/** Core's rules take a user record; the session's user is never a disabled one. */
export const actorOf = (user: SessionUser) => ({ ...user, isDisabled: false });

export type Permissions = {
  canWritePlan: boolean;
  canLockQuarter: boolean;
  /** The units whose actuals the user may enter (their units and sub-units; all for admins). */
  writableUnitIds: ReadonlySet<number>;
};

/**
 * What the UI offers the user, from core's rules (the ones the API enforces).
 * Hiding a control is a courtesy: the API still refuses with 403.
 */
export function permissionsOf(user: SessionUser, units: readonly Unit[]): Permissions {
  const actor = actorOf(user);
  return {
    canWritePlan: canWritePlan(actor),
    canLockQuarter: canLockQuarter(actor),
    writableUnitIds: new Set(
      units.filter((unit) => canWriteActual(actor, unit.id, units)).map((unit) => unit.id),
    ),
  };
}
