import { eq } from 'drizzle-orm';
import { settingAudit } from '../audit-rows';
import { toSetting } from '../records';
import type { Repository } from '../repository';
import { checkVersion } from '../rules';
import { settings } from '../schema';
import type { AuditWriter } from './audit';
import type { SqliteContext } from './context';

/** A settings row, its value kept as JSON text. */
const read = (row: typeof settings.$inferSelect) =>
  toSetting({ ...row, value: JSON.parse(row.value) as unknown });

/** Settings (the thresholds of the analysis): JSON values, versioned and audited. */
export function createSettings(
  { db, now, written }: SqliteContext,
  { audit }: { audit: AuditWriter },
) {
  const methods: Pick<Repository, 'getSetting' | 'saveSetting'> = {
    async getSetting(key) {
      const row = db.select().from(settings).where(eq(settings.key, key)).get();
      return row ? read(row) : null;
    },
    async saveSetting({ key, value, expectedVersion, actor, comment }) {
      return written(
        db.transaction((tx) => {
          const oldRow = tx.select().from(settings).where(eq(settings.key, key)).get();
          const old = oldRow ? read(oldRow) : null;
          checkVersion(expectedVersion, old);
          const at = now().toISOString();
          const values = { value: JSON.stringify(value), updatedAt: at, updatedBy: actor };
          const row = old
            ? tx
                .update(settings)
                .set({ ...values, version: old.version + 1 })
                .where(eq(settings.key, key))
                .returning()
                .get()
            : tx
                .insert(settings)
                .values({ ...values, key, version: 1 })
                .returning()
                .get();
          const saved = read(row);
          audit(settingAudit({ actor, comment }, { at, old, saved }));
          return saved;
        }),
      );
    },
  };
  return { methods };
}
