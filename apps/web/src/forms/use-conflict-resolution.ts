import { useState } from 'react';
import { type Conflict, conflictOf } from '../api/errors';

/** A save that met a newer version: what the user sent, and the figure now on the server. */
export type PendingConflict<Mine, Current> = {
  mine: Mine;
  current: Conflict<Current>['current'];
};

type Options<Mine, Current> = {
  /** The version of the figure the form was filled from; 0 when there is none yet. */
  initialVersion: number;
  /** Checks the figure's own fields in a 409's `current` (see `conflictOf`). */
  isCurrentShape: (value: Record<string, unknown>) => boolean;
  /** Sends `mine` as based on `version`; "use mine" calls it with the newer version. */
  save: (mine: Mine, version: number) => void;
  /** "Keep theirs": fills the form's fields with the current figure (null: it was deleted). */
  fillWithTheirs: (current: PendingConflict<Mine, Current>['current']) => void;
  /** Clears the failed save, so its error no longer shows once the user kept theirs. */
  resetSave: () => void;
};

/**
 * The version a versioned form saves from, and the choice it offers on a 409: resend
 * mine from the version now on the server, or take theirs into the form. Either way the
 * form's base version becomes theirs, so the next save is not refused again.
 */
export function useConflictResolution<Mine, Current>({
  initialVersion,
  isCurrentShape,
  save,
  fillWithTheirs,
  resetSave,
}: Options<Mine, Current>) {
  // The version this form's values are based on: advances with each save or "keep theirs".
  const [baseVersion, setBaseVersion] = useState(initialVersion);
  const [conflict, setConflict] = useState<PendingConflict<Mine, Current> | null>(null);

  return {
    baseVersion,
    conflict,
    /** From the save's onSuccess: the next save starts from the saved version. */
    onSaved: (version: number) => setBaseVersion(version),
    /** From the save's onError: a version conflict opens the dialog; other errors do not. */
    onSaveError: (error: unknown, mine: Mine) => {
      const found = conflictOf<Current>(error, isCurrentShape);
      if (found) setConflict({ mine, current: found.current });
    },
    /** The ConflictDialog's props that do not depend on the figure's fields. */
    dialogProps: (pending: PendingConflict<Mine, Current>) => ({
      changedBy: pending.current?.updatedBy ?? null,
      changedAt: pending.current?.updatedAt ?? null,
      onUseMine: () => {
        const version = pending.current?.version ?? 0;
        setConflict(null);
        setBaseVersion(version);
        save(pending.mine, version);
      },
      onKeepTheirs: () => {
        setConflict(null);
        setBaseVersion(pending.current?.version ?? 0);
        fillWithTheirs(pending.current);
        resetSave();
      },
      onClose: () => setConflict(null),
    }),
  };
}
