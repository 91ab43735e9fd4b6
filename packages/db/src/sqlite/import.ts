import type {
  ActualRecord,
  PlanRecord,
  Repository,
  SaveActualInput,
  SavePlanInput,
} from '../repository';
import type { SqliteContext } from './context';

/**
 * The import: many plans and actuals in one transaction, each saved as a single one would be
 * (version, lock, audit), so that any refusal undoes them all.
 */
export function createImport(
  { db, written }: SqliteContext,
  {
    savePlanIn,
    saveActualIn,
  }: {
    savePlanIn: (input: SavePlanInput) => PlanRecord;
    saveActualIn: (input: SaveActualInput) => ActualRecord;
  },
) {
  const methods: Pick<Repository, 'applyImport'> = {
    async applyImport({ plans: planInputs, actuals: actualInputs }) {
      // One transaction: any stale version, locked quarter or unknown unit undoes it all.
      return written(
        db.transaction(
          () => ({
            plans: planInputs.map(savePlanIn),
            actuals: actualInputs.map(saveActualIn),
          }),
          { behavior: 'immediate' },
        ),
      );
    },
  };
  return { methods };
}
