import { and, eq, sql } from 'drizzle-orm';
import { settingAudit } from '../audit-rows';
import { toSetting } from '../records';
import type { Repository, SettingRecord } from '../repository';
import { checkVersion } from '../rules';
import { insertAudit } from './audit';
import { lostRace, type PgContext, type Tx } from './context';
import { settings } from './schema';

type SettingRow = typeof settings.$inferSelect;

/** JSON null is a value; SQL NULL would break settings.value NOT NULL. */
const jsonValue = (value: unknown) => (value === null ? sql`'null'::json` : value);

/** Settings (the thresholds of the analysis): JSON values, versioned and audited. */
export function createSettings({ db, now, write }: PgContext) {
  const methods: Pick<Repository, 'getSetting' | 'saveSetting'> = {
    async getSetting(key) {
      const [row] = await db.select().from(settings).where(eq(settings.key, key));
      return row ? toSetting(row) : null;
    },
    async saveSetting(input) {
      const saveIn = async (tx: Tx, isRetry: boolean): Promise<SettingRecord> => {
        const { key, value, expectedVersion, actor, comment } = input;
        const [oldRow] = await tx
          .select()
          .from(settings)
          .where(eq(settings.key, key))
          .for('no key update');
        const old = oldRow ? toSetting(oldRow) : null;
        checkVersion(expectedVersion, old);
        const at = now().toISOString();
        let row: SettingRow | undefined;
        if (old) {
          [row] = await tx
            .update(settings)
            .set({
              value: jsonValue(value),
              updatedAt: at,
              updatedBy: actor,
              version: old.version + 1,
            })
            .where(and(eq(settings.key, key), eq(settings.version, old.version)))
            .returning();
          if (!row) lostRace('setting');
        } else {
          [row] = await tx
            .insert(settings)
            .values({ key, value: jsonValue(value), updatedAt: at, updatedBy: actor, version: 1 })
            .onConflictDoNothing()
            .returning();
          if (!row) return isRetry ? lostRace('setting') : saveIn(tx, true);
        }
        const saved = toSetting(row as SettingRow);
        await insertAudit(tx, settingAudit({ actor, comment }, { at, old, saved }));
        return saved;
      };
      return write(({ tx }) => saveIn(tx, false));
    },
  };
  return { methods };
}
