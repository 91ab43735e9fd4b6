import { afterEach, describe, expect, it } from 'vitest';
import { DbError } from './errors';
import type { Repository, SeedOrganisation } from './repository';

/**
 * The behaviour every engine owes the API, run against each of them (repository.test.ts):
 * same records, same errors with the same fields and details, same transactions.
 */

export const fixedNow = () => new Date('2023-04-14T08:00:00.000Z');

/** Opens an empty repository with the fixed clock; close() removes whatever it created. */
export type RepositoryFactory = (options: { now: () => Date }) => Promise<Repository>;

export const contractOrg: SeedOrganisation = {
  units: [
    { code: 'ROOT', name: 'Viện', kind: 'institute', parentCode: null },
    { code: 'A', name: 'Phòng A', kind: 'department', parentCode: 'ROOT' },
  ],
  plans: [
    { unitCode: 'ROOT', year: 2023, annualPlan: 180, quarterTargets: [null, 30, null, null] },
  ],
  actuals: [{ unitCode: 'A', year: 2023, quarter: 1, amount: 13 }],
};

const HASH = 'scrypt$14$8$1$c2FsdA$aGFzaA';

export function describeRepository(
  name: string,
  factory: RepositoryFactory,
  options: { isSkipped?: boolean } = {},
) {
  describe.skipIf(options.isSkipped ?? false)(`Repository contract on ${name}`, () => {
    let repo: Repository | undefined;
    const open = async (now = fixedNow) => {
      repo = await factory({ now });
      return repo;
    };
    const seeded = async () => {
      const r = await open();
      await r.seedIfEmpty(contractOrg);
      return r;
    };

    afterEach(async () => {
      await repo?.close();
      repo = undefined;
    });

    describe('seedIfEmpty', () => {
      it('loads an empty database and leaves a non-empty one alone', async () => {
        const r = await open();
        expect(await r.seedIfEmpty(contractOrg)).toBe(true);
        await r.saveActual({ unitId: 2, year: 2023, quarter: 1, amount: 99, actor: null });
        expect(await r.seedIfEmpty(contractOrg)).toBe(false);
        const entries = await r.getYearEntries(2023);
        expect(entries.actuals.map((a) => a.amount)).toEqual([99]);
      });

      it('writes nothing when a row of the file is wrong', async () => {
        const r = await open();
        const bad = {
          ...contractOrg,
          actuals: [{ unitCode: 'NOPE', year: 2023, quarter: 1 as const, amount: 1 }],
        };
        await expect(r.seedIfEmpty(bad)).rejects.toThrow(/NOPE/);
        expect(await r.listUnits()).toEqual([]);
        // The failed attempt leaves no trace, not even in the ids the next one gives.
        expect(await r.seedIfEmpty(contractOrg)).toBe(true);
        expect((await r.listUnits()).map((u) => [u.id, u.code])).toEqual([
          [2, 'A'],
          [1, 'ROOT'],
        ]);
        const next = await r.createUnit({
          code: 'N',
          name: 'N',
          kind: 'centre',
          parentId: 1,
          actor: 'a',
        });
        expect(next.id).toBe(3);
      });

      it('stores unit names in NFC whatever form they arrive in', async () => {
        const r = await open();
        const nfd = 'Trung tâm An toàn Mỏ'.normalize('NFD');
        const [root0, ...rest] = contractOrg.units;
        if (!root0) throw new Error('fixture has no root');
        await r.seedIfEmpty({ ...contractOrg, units: [{ ...root0, name: nfd }, ...rest] });
        const root = (await r.listUnits()).find((u) => u.code === 'ROOT');
        expect(root?.name).toBe('Trung tâm An toàn Mỏ'.normalize('NFC'));
      });

      it('gives the seeded figures version 1, no author and the clock time', async () => {
        const r = await seeded();
        const { plans, actuals } = await r.getYearEntries(2023);
        expect(plans).toEqual([
          {
            unitId: 1,
            year: 2023,
            annualPlan: 180,
            originalAnnualPlan: 180,
            assignedPlan: null,
            quarterTargets: [null, 30, null, null],
            version: 1,
            updatedAt: '2023-04-14T08:00:00.000Z',
            updatedBy: null,
          },
        ]);
        expect(actuals).toEqual([
          {
            unitId: 2,
            year: 2023,
            quarter: 1,
            amount: 13,
            basis: 'final',
            estimateAmount: null,
            version: 1,
            updatedAt: '2023-04-14T08:00:00.000Z',
            updatedBy: null,
          },
        ]);
      });
    });

    describe('reads', () => {
      it('lists units by code in code-point order, whatever the collation', async () => {
        const r = await seeded();
        // "a" would be refused beside "A": codes are unique without regard to case.
        for (const code of ['b-2', 'B1', 'aa', 'Z']) {
          await r.createUnit({ code, name: code, kind: 'centre', parentId: 1, actor: 'admin' });
        }
        expect((await r.listUnits()).map((u) => u.code)).toEqual([
          'A',
          'B1',
          'ROOT',
          'Z',
          'aa',
          'b-2',
        ]);
        expect(await r.getUnit(2)).toEqual({
          id: 2,
          code: 'A',
          name: 'Phòng A',
          parentId: 1,
          kind: 'department',
          version: 1,
        });
        expect(await r.getUnit(999)).toBeNull();
      });

      it('lists every year with a plan or an actual, ascending', async () => {
        const r = await seeded();
        await r.saveActual({ unitId: 2, year: 2021, quarter: 4, amount: 5, actor: null });
        await r.savePlan({
          unitId: 2,
          year: 2025,
          annualPlan: 1,
          quarterTargets: [null, null, null, null],
          actor: null,
        });
        expect(await r.listYears()).toEqual([2021, 2023, 2025]);
      });
    });

    describe('savePlan', () => {
      it('bumps the version and writes the audit row with old and new values', async () => {
        const r = await seeded();
        const saved = await r.savePlan({
          unitId: 1,
          year: 2023,
          annualPlan: 200,
          quarterTargets: [10, 30, null, null],
          actor: 'director',
          comment: 'revised',
          expectedVersion: 1,
        });
        expect(saved).toEqual({
          unitId: 1,
          year: 2023,
          annualPlan: 200,
          originalAnnualPlan: 180,
          assignedPlan: null,
          quarterTargets: [10, 30, null, null],
          version: 2,
          updatedAt: '2023-04-14T08:00:00.000Z',
          updatedBy: 'director',
        });
        const [audit] = await r.listAudit({ unitId: 1 });
        expect(audit).toEqual({
          id: 1,
          at: '2023-04-14T08:00:00.000Z',
          actor: 'director',
          // No account is named 'director' here: the name is null, the username stays.
          actorName: null,
          entity: 'plan',
          entityKey: 'plan:1/2023',
          unitId: 1,
          unitName: 'Viện',
          year: 2023,
          quarter: null,
          oldValue: {
            unitId: 1,
            year: 2023,
            annualPlan: 180,
            originalAnnualPlan: 180,
            assignedPlan: null,
            quarterTargets: [null, 30, null, null],
            version: 1,
            updatedAt: '2023-04-14T08:00:00.000Z',
            updatedBy: null,
          },
          newValue: saved,
          comment: 'revised',
        });
      });

      it('saves the assigned plan on the plan version, its revisions in the audit rows', async () => {
        const r = await seeded();
        const plan = { unitId: 1, year: 2023, quarterTargets: [null, 30, null, null] } as const;
        const first = await r.savePlan({
          ...plan,
          quarterTargets: [...plan.quarterTargets],
          annualPlan: 180,
          assignedPlan: 200,
          actor: 'director',
          comment: 'kế hoạch Tập đoàn giao',
          expectedVersion: 1,
        });
        expect(first).toMatchObject({ annualPlan: 180, assignedPlan: 200, version: 2 });
        // Absent keeps it: a save that does not name it (an older client, the import) leaves it.
        const second = await r.savePlan({
          ...plan,
          quarterTargets: [...plan.quarterTargets],
          annualPlan: 175,
          actor: 'director',
          expectedVersion: 2,
        });
        expect(second).toMatchObject({ annualPlan: 175, assignedPlan: 200, version: 3 });
        const third = await r.savePlan({
          ...plan,
          quarterTargets: [...plan.quarterTargets],
          annualPlan: 175,
          assignedPlan: null,
          actor: 'director',
          comment: 'cleared',
          expectedVersion: 3,
        });
        expect(third).toMatchObject({ assignedPlan: null, version: 4 });
        expect((await r.getYearEntries(2023)).plans[0]).toEqual(third);
        const audit = await r.listAudit({ unitId: 1 });
        const history = audit
          .filter((a) => a.entity === 'plan')
          .map((a) => [
            (a.oldValue as { assignedPlan: number | null }).assignedPlan,
            (a.newValue as { assignedPlan: number | null }).assignedPlan,
            a.comment,
          ]);
        expect(history).toEqual(
          expect.arrayContaining([
            [null, 200, 'kế hoạch Tập đoàn giao'],
            [200, 200, null],
            [200, null, 'cleared'],
          ]),
        );
        expect(history).toHaveLength(3);
      });

      it('refuses a stale version of an assigned-plan change and keeps the old one', async () => {
        const r = await seeded();
        await expect(
          r.savePlan({
            unitId: 1,
            year: 2023,
            annualPlan: 180,
            assignedPlan: 200,
            quarterTargets: [null, 30, null, null],
            actor: 'x',
            expectedVersion: 0,
          }),
        ).rejects.toMatchObject({ code: 'CONFLICT', field: 'version' });
        expect((await r.getYearEntries(2023)).plans[0]).toMatchObject({
          assignedPlan: null,
          version: 1,
        });
        expect(await r.listAudit({})).toEqual([]);
      });

      it('keeps the assigned plan through an import of the plan', async () => {
        const r = await seeded();
        await r.savePlan({
          unitId: 1,
          year: 2023,
          annualPlan: 180,
          assignedPlan: 200,
          quarterTargets: [null, 30, null, null],
          actor: 'x',
        });
        const { plans } = await r.applyImport({
          plans: [
            {
              unitId: 1,
              year: 2023,
              annualPlan: 181,
              quarterTargets: [null, 30, null, null],
              actor: 'x',
            },
          ],
          actuals: [],
        });
        expect(plans[0]).toMatchObject({ annualPlan: 181, assignedPlan: 200, version: 3 });
        expect((await r.getYearEntries(2023)).plans[0]).toMatchObject({
          annualPlan: 181,
          assignedPlan: 200,
        });
      });

      it('throws NOT_FOUND for an unknown unit and writes nothing', async () => {
        const r = await seeded();
        const error = await r
          .savePlan({
            unitId: 99,
            year: 2023,
            annualPlan: 1,
            quarterTargets: [null, null, null, null],
            actor: null,
          })
          .catch((err: unknown) => err);
        expect(error).toBeInstanceOf(DbError);
        expect(error).toMatchObject({ code: 'NOT_FOUND', field: 'unitId' });
        expect(await r.listAudit({})).toEqual([]);
      });

      it('throws CONFLICT with the current plan for a stale version', async () => {
        const r = await seeded();
        const current = (await r.getYearEntries(2023)).plans[0];
        await expect(
          r.savePlan({
            unitId: 1,
            year: 2023,
            annualPlan: 1,
            quarterTargets: [null, 30, null, null],
            actor: 'x',
            expectedVersion: 0,
          }),
        ).rejects.toMatchObject({ code: 'CONFLICT', field: 'version', details: { current } });
      });

      it('refuses a changed target of a locked quarter, but not an unchanged one', async () => {
        const r = await seeded();
        const lock = await r.lockQuarter({ year: 2023, quarter: 2, actor: 'director' });
        await expect(
          r.savePlan({
            unitId: 1,
            year: 2023,
            annualPlan: 180,
            quarterTargets: [null, 31, null, null],
            actor: 'x',
          }),
        ).rejects.toMatchObject({ code: 'LOCKED', field: 'quarter', details: lock });
        const saved = await r.savePlan({
          unitId: 1,
          year: 2023,
          annualPlan: 190,
          quarterTargets: [5, 30, null, null],
          actor: 'x',
          expectedVersion: 1,
        });
        expect(saved).toMatchObject({ annualPlan: 190, version: 2 });
      });
    });

    describe('saveActual', () => {
      it('creates then replaces one quarter, auditing both', async () => {
        const r = await seeded();
        const first = await r.saveActual({
          unitId: 1,
          year: 2023,
          quarter: 2,
          amount: 7,
          actor: null,
          expectedVersion: 0,
        });
        const second = await r.saveActual({
          unitId: 1,
          year: 2023,
          quarter: 2,
          amount: 8,
          actor: null,
          expectedVersion: 1,
        });
        expect([first.version, second.version]).toEqual([1, 2]);
        const audit = await r.listAudit({ unitId: 1 });
        expect(
          audit.map((a) => [a.oldValue === null, (a.newValue as { amount: number }).amount]),
        ).toEqual([
          [false, 8],
          [true, 7],
        ]);
      });

      it('throws CONFLICT with the current figure, or null when it vanished from view', async () => {
        const r = await seeded();
        await expect(
          r.saveActual({
            unitId: 2,
            year: 2023,
            quarter: 1,
            amount: 1,
            actor: 'a',
            expectedVersion: 0,
          }),
        ).rejects.toMatchObject({
          code: 'CONFLICT',
          field: 'version',
          details: { current: { unitId: 2, quarter: 1, amount: 13, version: 1 } },
        });
        await expect(
          r.saveActual({
            unitId: 2,
            year: 2023,
            quarter: 2,
            amount: 1,
            actor: 'a',
            expectedVersion: 3,
          }),
        ).rejects.toMatchObject({ code: 'CONFLICT', details: { current: null } });
      });

      it('throws LOCKED with the lock for a locked quarter, writing nothing', async () => {
        const r = await seeded();
        const lock = await r.lockQuarter({
          year: 2023,
          quarter: 1,
          actor: 'director',
          comment: 'Q1 review',
        });
        expect(lock).toEqual({
          year: 2023,
          quarter: 1,
          lockedBy: 'director',
          lockedAt: '2023-04-14T08:00:00.000Z',
          reason: 'Q1 review',
        });
        await expect(
          r.saveActual({ unitId: 2, year: 2023, quarter: 1, amount: 1, actor: 'a' }),
        ).rejects.toMatchObject({ code: 'LOCKED', field: 'quarter', details: lock });
        expect((await r.getYearEntries(2023)).actuals[0]?.amount).toBe(13);
      });

      it('lets exactly one of several writers from the same version win', async () => {
        const r = await seeded();
        const results = await Promise.allSettled(
          [21, 22, 23, 24, 25].map((amount) =>
            r.saveActual({
              unitId: 2,
              year: 2023,
              quarter: 1,
              amount,
              actor: `lead${amount}`,
              expectedVersion: 1,
            }),
          ),
        );
        const won = results.filter((x) => x.status === 'fulfilled');
        const lost = results.filter((x) => x.status === 'rejected');
        expect(won).toHaveLength(1);
        for (const x of lost)
          expect(x.reason).toMatchObject({ code: 'CONFLICT', field: 'version' });
        const [figure] = (await r.getYearEntries(2023)).actuals;
        expect(figure).toEqual((won[0] as PromiseFulfilledResult<unknown>).value);
        expect(figure?.version).toBe(2);
        expect(await r.listAudit({ entity: 'actual' })).toHaveLength(1);
      });

      it('lets exactly one of several creators of a new figure win', async () => {
        const r = await seeded();
        const results = await Promise.allSettled(
          [1, 2, 3, 4].map((amount) =>
            r.saveActual({
              unitId: 2,
              year: 2023,
              quarter: 3,
              amount,
              actor: 'a',
              expectedVersion: 0,
            }),
          ),
        );
        expect(results.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
        const rejected = results.filter((x) => x.status === 'rejected');
        for (const x of rejected) expect(x.reason).toMatchObject({ code: 'CONFLICT' });
        expect(await r.listAudit({ entity: 'actual' })).toHaveLength(1);
      });
    });

    describe('createUnit / updateUnit', () => {
      it('adds a unit under a parent, audited, and refuses a taken code or a second root', async () => {
        const r = await seeded();
        const created = await r.createUnit({
          code: 'B',
          name: 'Phòng B',
          kind: 'department',
          parentId: 1,
          actor: 'admin',
        });
        expect(created).toEqual({
          id: 3,
          code: 'B',
          name: 'Phòng B',
          parentId: 1,
          kind: 'department',
          version: 1,
        });
        await expect(
          r.createUnit({ code: 'B', name: 'x', kind: 'department', parentId: 1, actor: 'admin' }),
        ).rejects.toMatchObject({ code: 'CONFLICT', field: 'code' });
        await expect(
          r.createUnit({
            code: 'R2',
            name: 'x',
            kind: 'institute',
            parentId: null,
            actor: 'admin',
          }),
        ).rejects.toMatchObject({ code: 'CONFLICT', field: 'parentId' });
        await expect(
          r.createUnit({ code: 'C', name: 'x', kind: 'centre', parentId: 42, actor: 'admin' }),
        ).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'parentId' });
        const audits = await r.listAudit({ entity: 'unit' });
        expect(audits).toHaveLength(1);
        expect(audits[0]).toMatchObject({
          actor: 'admin',
          entityKey: 'unit:3',
          unitId: 3,
          oldValue: null,
          newValue: created,
        });
      });

      it('refuses a code that differs from a taken one only in case, naming the one that holds it', async () => {
        const r = await seeded();
        for (const code of ['a', 'root', 'Root']) {
          await expect(
            r.createUnit({ code, name: 'x', kind: 'department', parentId: 1, actor: 'admin' }),
          ).rejects.toMatchObject({
            code: 'CONFLICT',
            field: 'code',
            message: expect.stringContaining(code === 'a' ? 'A' : 'ROOT'),
          });
        }
        expect((await r.listUnits()).map((u) => u.code)).toEqual(['A', 'ROOT']);
        expect(await r.listAudit({ entity: 'unit' })).toEqual([]);
      });

      it('refuses to move a unit under its own descendant, keeping the tree a tree', async () => {
        const r = await seeded();
        const b = await r.createUnit({
          code: 'B',
          name: 'B',
          kind: 'department',
          parentId: 2,
          actor: 'admin',
        });
        await expect(
          r.updateUnit({ id: 2, patch: { parentId: b.id }, actor: 'admin' }),
        ).rejects.toMatchObject({ field: 'parentId' });
        await expect(
          r.updateUnit({ id: 2, patch: { parentId: 2 }, actor: 'admin' }),
        ).rejects.toMatchObject({ field: 'parentId' });
        await expect(
          r.updateUnit({ id: 1, patch: { parentId: 2 }, actor: 'admin' }),
        ).rejects.toMatchObject({ code: 'CONFLICT', field: 'parentId' });
        const moved = await r.updateUnit({
          id: b.id,
          patch: { parentId: 1, name: 'Trung tâm B' },
          expectedVersion: 1,
          actor: 'admin',
        });
        expect(moved).toMatchObject({ parentId: 1, name: 'Trung tâm B', version: 2 });
        await expect(
          r.updateUnit({ id: b.id, patch: { name: 'late' }, expectedVersion: 1, actor: 'admin' }),
        ).rejects.toMatchObject({
          code: 'CONFLICT',
          field: 'version',
          details: { current: moved },
        });
        await expect(
          r.updateUnit({ id: 77, patch: { name: 'x' }, actor: 'admin' }),
        ).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'id' });
      });
    });

    describe('applyImport', () => {
      it('writes everything or nothing: a stale version undoes the rows before it', async () => {
        const r = await seeded();
        const before = await r.getYearEntries(2023);
        const version = await r.dataVersion();
        await expect(
          r.applyImport({
            plans: [
              {
                unitId: 2,
                year: 2023,
                annualPlan: 9,
                quarterTargets: [null, null, null, null],
                expectedVersion: 0,
                actor: 'a',
              },
            ],
            actuals: [
              { unitId: 2, year: 2023, quarter: 1, amount: 1, expectedVersion: 7, actor: 'a' },
            ],
          }),
        ).rejects.toMatchObject({ code: 'CONFLICT' });
        expect(await r.getYearEntries(2023)).toEqual(before);
        expect(await r.listAudit({})).toEqual([]);
        expect(await r.dataVersion()).toBe(version);
      });

      it('undoes everything for a locked quarter or an unknown unit further down', async () => {
        const r = await seeded();
        await r.lockQuarter({ year: 2023, quarter: 4, actor: 'director' });
        const before = await r.getYearEntries(2023);
        const row = { year: 2023, actor: 'a', expectedVersion: 0 };
        await expect(
          r.applyImport({
            plans: [],
            actuals: [
              { ...row, unitId: 2, quarter: 2, amount: 1 },
              { ...row, unitId: 2, quarter: 4, amount: 1 },
            ],
          }),
        ).rejects.toMatchObject({ code: 'LOCKED' });
        await expect(
          r.applyImport({
            plans: [],
            actuals: [
              { ...row, unitId: 2, quarter: 2, amount: 1 },
              { ...row, unitId: 9, quarter: 3, amount: 1 },
            ],
          }),
        ).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'unitId' });
        expect(await r.getYearEntries(2023)).toEqual(before);
        expect(await r.listAudit({ entity: 'actual' })).toEqual([]);
      });

      it('saves each figure with its own audit row, the same figure twice in turn', async () => {
        const awkward = `Lê "Lan", O'Brien\\ {x}`;
        const r = await seeded();
        const saved = await r.applyImport({
          plans: [
            {
              unitId: 2,
              year: 2023,
              annualPlan: 9,
              quarterTargets: [1, null, null, null],
              expectedVersion: 0,
              actor: 'a',
            },
          ],
          actuals: [
            { unitId: 2, year: 2023, quarter: 1, amount: 1, expectedVersion: 1, actor: 'a' },
            { unitId: 2, year: 2023, quarter: 2, amount: 2, expectedVersion: 0, actor: 'a' },
            {
              unitId: 2,
              year: 2023,
              quarter: 2,
              amount: 3,
              expectedVersion: 1,
              actor: awkward,
              comment: `${awkward} {1,2} NULL`,
            },
          ],
        });
        expect(saved.actuals.map((a) => a.version)).toEqual([2, 1, 2]);
        const audit = await r.listAudit({});
        expect(audit).toHaveLength(4);
        // Text that array literals and JSON must escape comes back as written.
        expect(saved.actuals[2]?.updatedBy).toBe(awkward);
        expect(audit[0]).toMatchObject({
          actor: awkward,
          comment: `${awkward} {1,2} NULL`,
          newValue: { updatedBy: awkward },
        });
        const entries = await r.getYearEntries(2023);
        expect(entries.plans.find((p) => p.unitId === 2)).toEqual(saved.plans[0]);
        expect(entries.actuals).toEqual([saved.actuals[0], saved.actuals[2]]);
      });
    });

    describe('locks', () => {
      it('locks once, lists, and unlocks with an audited reason', async () => {
        const r = await seeded();
        await r.lockQuarter({ year: 2023, quarter: 2, actor: 'director' });
        await r.lockQuarter({ year: 2022, quarter: 4, actor: 'director' });
        await expect(
          r.lockQuarter({ year: 2023, quarter: 2, actor: 'other' }),
        ).rejects.toMatchObject({
          code: 'CONFLICT',
          field: 'quarter',
          details: { lockedBy: 'director' },
        });
        expect((await r.listLocks()).map((l) => [l.year, l.quarter])).toEqual([
          [2022, 4],
          [2023, 2],
        ]);
        expect(await r.listLocks(2022)).toHaveLength(1);
        await r.unlockQuarter({ year: 2023, quarter: 2, actor: 'admin', comment: 'typo in Q2' });
        await expect(
          r.unlockQuarter({ year: 2023, quarter: 2, actor: 'admin', comment: 'again' }),
        ).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'quarter' });
        const [unlock] = await r.listAudit({ entity: 'lock' });
        expect(unlock).toMatchObject({
          entityKey: 'lock:2023/2',
          year: 2023,
          quarter: 2,
          oldValue: { lockedBy: 'director' },
          newValue: null,
          comment: 'typo in Q2',
        });
      });
    });

    describe('settings', () => {
      it('creates from version 0, replaces from the current version, refuses a stale one', async () => {
        const r = await open();
        expect(await r.getSetting('thresholds')).toBeNull();
        const first = await r.saveSetting({
          key: 'thresholds',
          value: { onTrack: 0.95, atRisk: 0.8 },
          expectedVersion: 0,
          actor: 'admin',
        });
        expect(first).toEqual({
          key: 'thresholds',
          value: { onTrack: 0.95, atRisk: 0.8 },
          version: 1,
          updatedAt: '2023-04-14T08:00:00.000Z',
          updatedBy: 'admin',
        });
        await expect(
          r.saveSetting({ key: 'thresholds', value: {}, expectedVersion: 0, actor: 'admin' }),
        ).rejects.toMatchObject({
          code: 'CONFLICT',
          field: 'version',
          details: { current: first },
        });
        const second = await r.saveSetting({
          key: 'thresholds',
          value: [1, 'two', null],
          expectedVersion: 1,
          actor: 'admin',
        });
        expect(await r.getSetting('thresholds')).toEqual(second);
        expect(second.value).toEqual([1, 'two', null]);
        const [audit] = await r.listAudit({ entity: 'setting' });
        expect(audit).toMatchObject({ oldValue: first, newValue: second });
      });
    });

    describe('users and sessions', () => {
      const newUser = {
        username: ' Lan.Nguyen ',
        displayName: 'Nguyễn Thị Lan'.normalize('NFD'),
        role: 'unit_lead' as const,
        unitIds: [2, 1, 2],
        passwordHash: HASH,
        actor: 'admin',
      };

      it('creates a user with a normalised username and name, refusing a taken one', async () => {
        const r = await seeded();
        const user = await r.createUser(newUser);
        expect(user).toEqual({
          id: 1,
          username: 'lan.nguyen',
          displayName: 'Nguyễn Thị Lan'.normalize('NFC'),
          role: 'unit_lead',
          unitIds: [1, 2],
          isDisabled: false,
          email: null,
          locale: 'vi',
          version: 1,
        });
        await expect(r.createUser({ ...newUser, username: 'LAN.NGUYEN' })).rejects.toMatchObject({
          code: 'CONFLICT',
          field: 'username',
        });
        await expect(
          r.createUser({ ...newUser, username: 'other', unitIds: [5] }),
        ).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'unitIds' });
        expect(await r.listUsers()).toEqual([user]);
        expect(await r.getUser(1)).toEqual(user);
        expect(await r.findUserForLogin('LAN.nguyen')).toEqual({ ...user, passwordHash: HASH });
        expect(await r.findUserForLogin('nobody')).toBeNull();
        const [audit] = await r.listAudit({ entity: 'user' });
        expect(audit).toMatchObject({ entityKey: 'user:1', oldValue: null, newValue: user });
      });

      it('names who made each change and its unit, and filters the trail by user', async () => {
        const r = await seeded();
        const lan = await r.createUser(newUser);
        await r.saveActual({ unitId: 2, year: 2023, quarter: 2, amount: 7, actor: lan.username });
        await r.saveActual({ unitId: 1, year: 2023, quarter: 2, amount: 9, actor: 'ghost' });
        const byLan = await r.listAudit({ actor: lan.username });
        expect(byLan).toHaveLength(1);
        expect(byLan[0]).toMatchObject({
          actor: 'lan.nguyen',
          actorName: 'Nguyễn Thị Lan'.normalize('NFC'),
          entity: 'actual',
          unitId: 2,
          unitName: 'Phòng A',
        });
        // A username without an account keeps its row, nameless.
        const [ghost] = await r.listAudit({ actor: 'ghost' });
        expect(ghost).toMatchObject({ actorName: null, unitName: 'Viện' });
        // The user's own creation has no unit.
        const [created] = await r.listAudit({ entity: 'user', actor: 'admin' });
        expect(created).toMatchObject({ unitId: null, unitName: null });
        expect(await r.listAudit({ actor: lan.username, entity: 'plan' })).toEqual([]);
        // A renamed unit is named as it is now.
        const unit = (await r.listUnits()).find((u) => u.id === 2);
        await r.updateUnit({
          id: 2,
          patch: { name: 'Phòng B' },
          expectedVersion: unit?.version ?? 1,
          actor: 'admin',
        });
        expect((await r.listAudit({ actor: lan.username }))[0]?.unitName).toBe('Phòng B');
      });

      it('lists the people in the trail, by display name, for the kinds of change asked', async () => {
        const r = await seeded();
        const lan = await r.createUser(newUser);
        const admin = await r.createUser({
          ...newUser,
          username: 'admin',
          displayName: 'Quản trị',
          role: 'admin',
          unitIds: [],
        });
        await r.saveActual({ unitId: 2, year: 2023, quarter: 2, amount: 7, actor: lan.username });
        await r.saveActual({ unitId: 2, year: 2023, quarter: 3, amount: 8, actor: lan.username });
        await r.saveActual({ unitId: 1, year: 2023, quarter: 2, amount: 9, actor: 'ghost' });
        expect(await r.listAuditActors({})).toEqual([
          { username: 'lan.nguyen', displayName: lan.displayName },
          { username: 'admin', displayName: 'Quản trị' },
        ]);
        // The admin only created accounts: not among those who changed figures.
        expect(await r.listAuditActors({ entities: ['actual', 'plan'] })).toEqual([
          { username: lan.username, displayName: lan.displayName },
        ]);
        expect(admin.username).toBe('admin');
      });

      it('keeps sessions until they end, are swept, or their user is disabled', async () => {
        const r = await seeded();
        const user = await r.createUser(newUser);
        const session = {
          tokenHash: 'h1',
          csrfToken: 'c1',
          createdAt: '2023-04-14T08:00:00.000Z',
          lastSeenAt: '2023-04-14T08:00:00.000Z',
          expiresAt: '2023-04-21T08:00:00.000Z',
        };
        await r.createSession({ ...session, userId: user.id });
        await r.createSession({
          ...session,
          tokenHash: 'h2',
          expiresAt: '2023-04-14T09:00:00.000Z',
          userId: user.id,
        });
        expect(await r.findSession('h1')).toEqual({ ...session, user });
        await r.touchSession('h1', '2023-04-14T10:30:00.000Z');
        expect(await r.findSession('h1')).toMatchObject({ lastSeenAt: '2023-04-14T10:30:00.000Z' });
        expect(
          await r.deleteExpiredSessions('2023-04-14T10:00:00.000Z', '2023-04-14T07:00:00.000Z'),
        ).toBe(1);
        expect(await r.findSession('h2')).toBeNull();
        await r.createSession({ ...session, tokenHash: 'h3', userId: user.id });
        await r.deleteSession('h3');
        expect(await r.findSession('h3')).toBeNull();

        const updated = await r.updateUser({
          id: user.id,
          patch: { isDisabled: true, unitIds: [2], role: 'viewer' },
          expectedVersion: 1,
          actor: 'admin',
        });
        expect(updated).toEqual({
          ...user,
          isDisabled: true,
          unitIds: [2],
          role: 'viewer',
          version: 2,
        });
        expect(await r.findSession('h1')).toBeNull();
        await expect(
          r.updateUser({
            id: user.id,
            patch: { role: 'admin' },
            expectedVersion: 1,
            actor: 'admin',
          }),
        ).rejects.toMatchObject({
          code: 'CONFLICT',
          field: 'version',
          details: { current: updated },
        });
        await expect(
          r.updateUser({ id: 99, patch: { role: 'admin' }, actor: 'admin' }),
        ).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'id' });
      });

      it('refuses to demote or disable the last enabled admin, writing nothing', async () => {
        const r = await seeded();
        const admin = { ...newUser, role: 'admin' as const, unitIds: [] };
        const root = await r.createUser({ ...admin, username: 'root' });
        for (const [patch, field] of [
          [{ role: 'director' as const }, 'role'],
          [{ isDisabled: true }, 'isDisabled'],
          [{ role: 'viewer' as const, isDisabled: true }, 'role'],
        ] as const) {
          await expect(r.updateUser({ id: root.id, patch, actor: 'root' })).rejects.toMatchObject({
            code: 'CONFLICT',
            field,
            reason: 'last_admin',
            message: expect.stringContaining('root is the last enabled administrator'),
          });
        }
        expect(await r.getUser(root.id)).toEqual(root);
        expect(await r.listAudit({ entity: 'user' })).toHaveLength(1);
        // Other changes to the last admin are theirs to make.
        const renamed = await r.updateUser({
          id: root.id,
          patch: { displayName: 'Quản trị', role: 'admin', isDisabled: false },
          actor: 'root',
        });
        // A disabled admin is no admin to fall back on.
        const spare = await r.createUser({ ...admin, username: 'spare' });
        await r.updateUser({ id: spare.id, patch: { isDisabled: true }, actor: 'root' });
        await expect(
          r.updateUser({ id: root.id, patch: { role: 'viewer' }, actor: 'root' }),
        ).rejects.toMatchObject({ reason: 'last_admin', field: 'role' });
        // With another enabled admin, one of them may go.
        await r.updateUser({ id: spare.id, patch: { isDisabled: false }, actor: 'root' });
        expect(
          await r.updateUser({ id: root.id, patch: { role: 'viewer' }, actor: 'spare' }),
        ).toMatchObject({ role: 'viewer', version: renamed.version + 1 });
        await expect(
          r.updateUser({ id: spare.id, patch: { isDisabled: true }, actor: 'spare' }),
        ).rejects.toMatchObject({ reason: 'last_admin', field: 'isDisabled' });
      });

      it('records a password change in the audit without the hash', async () => {
        const r = await seeded();
        const user = await r.createUser(newUser);
        await r.updateUser({ id: user.id, patch: { passwordHash: 'scrypt$new' }, actor: 'admin' });
        expect((await r.findUserForLogin('lan.nguyen'))?.passwordHash).toBe('scrypt$new');
        const [audit] = await r.listAudit({ entity: 'user' });
        expect(audit?.newValue).toEqual({ ...user, version: 2, passwordChanged: true });
        expect(JSON.stringify(audit)).not.toContain('scrypt');
      });
    });

    describe('estimates and finals', () => {
      it('keeps the estimate a final replaces, and absent basis is final', async () => {
        const r = await seeded();
        const seededActual = (await r.getYearEntries(2023)).actuals[0];
        expect(seededActual).toMatchObject({ basis: 'final', estimateAmount: null });
        const estimate = await r.saveActual({
          unitId: 2,
          year: 2023,
          quarter: 2,
          amount: 25,
          basis: 'estimate',
          expectedVersion: 0,
          actor: 'lead',
        });
        expect(estimate).toMatchObject({ amount: 25, basis: 'estimate', estimateAmount: null });
        const final = await r.saveActual({
          unitId: 2,
          year: 2023,
          quarter: 2,
          amount: 24,
          expectedVersion: 1,
          actor: 'lead',
        });
        expect(final).toMatchObject({ amount: 24, basis: 'final', estimateAmount: 25 });
        const corrected = await r.saveActual({
          unitId: 2,
          year: 2023,
          quarter: 2,
          amount: 23,
          basis: 'final',
          expectedVersion: 2,
          actor: 'lead',
        });
        expect(corrected).toMatchObject({ amount: 23, estimateAmount: 25 });
        const [last, before] = await r.listAudit({ entity: 'actual', limit: 2 });
        expect(before?.oldValue).toMatchObject({ basis: 'estimate', amount: 25 });
        expect(before?.newValue).toMatchObject({ basis: 'final', amount: 24, estimateAmount: 25 });
        expect(last?.newValue).toMatchObject({ amount: 23 });
      });
    });

    describe('reporting rounds', () => {
      it('opens a round at version 0, moves its deadline, and audits both', async () => {
        const r = await seeded();
        expect(await r.getRound(2023, 2)).toBeNull();
        const opened = await r.saveRound({
          year: 2023,
          quarter: 2,
          deadline: '2023-07-10',
          expectedVersion: 0,
          actor: 'director',
        });
        expect(opened).toEqual({
          year: 2023,
          quarter: 2,
          deadline: '2023-07-10',
          version: 1,
          openedAt: fixedNow().toISOString(),
          openedBy: 'director',
          updatedAt: fixedNow().toISOString(),
          updatedBy: 'director',
        });
        const moved = await r.saveRound({
          year: 2023,
          quarter: 2,
          deadline: '2023-07-12',
          expectedVersion: 1,
          actor: 'admin',
        });
        expect(moved).toMatchObject({ deadline: '2023-07-12', version: 2, openedBy: 'director' });
        expect(await r.getRound(2023, 2)).toEqual(moved);
        const audit = await r.listAudit({ entity: 'review' });
        expect(audit.map((a) => [a.entityKey, a.actor])).toEqual([
          ['review:2023/2', 'admin'],
          ['review:2023/2', 'director'],
        ]);
      });

      it('refuses a stale version with the current round, writing nothing', async () => {
        const r = await seeded();
        const input = { year: 2023, quarter: 2 as const, deadline: '2023-07-10', actor: 'd' };
        await r.saveRound({ ...input, expectedVersion: 0 });
        const err = await r.saveRound({ ...input, expectedVersion: 0 }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(DbError);
        expect(err).toMatchObject({
          code: 'CONFLICT',
          field: 'version',
          details: { current: { version: 1 } },
        });
        expect(await r.listAudit({ entity: 'review' })).toHaveLength(1);
      });
    });

    describe('directions', () => {
      const given = {
        unitId: 2,
        year: 2023,
        quarter: 2 as const,
        text: 'Doanh thu Quý III phấn đấu đạt 30 tỷ đồng',
        dueYear: 2023,
        dueQuarter: 3 as const,
      };

      it('records a direction open at version 1, and audits it', async () => {
        const r = await seeded();
        const saved = await r.createDirection({ ...given, actor: 'director' });
        expect(saved).toEqual({
          id: saved.id,
          ...given,
          status: 'open',
          progressNote: null,
          version: 1,
          createdAt: fixedNow().toISOString(),
          createdBy: 'director',
          updatedAt: fixedNow().toISOString(),
          updatedBy: 'director',
        });
        expect(await r.getDirection(saved.id)).toEqual(saved);
        const [row] = await r.listAudit({ entity: 'direction' });
        expect(row).toMatchObject({
          entityKey: `direction:${saved.id}`,
          unitId: 2,
          year: 2023,
          quarter: 2,
          actor: 'director',
          oldValue: null,
          newValue: saved,
        });
      });

      it('lists by meeting, by due quarter and by unit, in the order recorded', async () => {
        const r = await seeded();
        const a = await r.createDirection({ ...given, actor: 'd' });
        const b = await r.createDirection({ ...given, unitId: null, dueQuarter: 4, actor: 'd' });
        const c = await r.createDirection({ ...given, quarter: 3, actor: 'd' });
        const ids = async (filter: Parameters<Repository['listDirections']>[0]) =>
          (await r.listDirections(filter)).map((d) => d.id);
        expect(await ids({ year: 2023, quarter: 2 })).toEqual([a.id, b.id]);
        expect(await ids({ unitId: 2, dueYear: 2023, dueQuarter: 3 })).toEqual([a.id, c.id]);
        expect(await ids({ dueYear: 2023, dueQuarter: 4 })).toEqual([b.id]);
        expect(await ids({})).toEqual([a.id, b.id, c.id]);
      });

      it('takes progress with its note as the comment, and carries over to the next quarter', async () => {
        const r = await seeded();
        const d = await r.createDirection({ ...given, dueQuarter: 4, actor: 'director' });
        const done = await r.updateDirection({
          id: d.id,
          status: 'done',
          progressNote: ' Đã ký 2 hợp đồng ',
          expectedVersion: 1,
          actor: 'lead-a',
        });
        expect(done).toMatchObject({
          status: 'done',
          progressNote: 'Đã ký 2 hợp đồng',
          version: 2,
        });
        const carried = await r.updateDirection({
          id: d.id,
          status: 'carried_over',
          progressNote: 'Chưa đủ',
          expectedVersion: 2,
          actor: 'director',
        });
        expect(carried).toMatchObject({
          status: 'carried_over',
          progressNote: 'Đã ký 2 hợp đồng',
          dueYear: 2024,
          dueQuarter: 1,
          version: 3,
          updatedBy: 'director',
        });
        const audit = await r.listAudit({ entity: 'direction' });
        expect(audit.map((a) => [a.actor, a.comment])).toEqual([
          ['director', 'Chưa đủ'],
          ['lead-a', 'Đã ký 2 hợp đồng'],
          ['director', null],
        ]);
        expect(audit[0]?.oldValue).toEqual(done);
      });

      it('refuses a stale version with the current direction, writing nothing', async () => {
        const r = await seeded();
        const d = await r.createDirection({ ...given, actor: 'd' });
        await r.updateDirection({
          id: d.id,
          status: 'in_progress',
          progressNote: '',
          expectedVersion: 1,
          actor: 'l',
        });
        const err = await r
          .updateDirection({
            id: d.id,
            status: 'done',
            progressNote: 'x',
            expectedVersion: 1,
            actor: 'l',
          })
          .catch((e: unknown) => e);
        expect(err).toBeInstanceOf(DbError);
        expect(err).toMatchObject({
          code: 'CONFLICT',
          field: 'version',
          details: { current: { version: 2, status: 'in_progress' } },
        });
        expect(await r.listAudit({ entity: 'direction' })).toHaveLength(2);
      });

      it('keeps a closed direction closed and refuses an unknown one', async () => {
        const r = await seeded();
        const d = await r.createDirection({ ...given, actor: 'd' });
        const move = { id: d.id, progressNote: '', actor: 'd' };
        await r.updateDirection({ ...move, status: 'closed', expectedVersion: 1 });
        await expect(
          r.updateDirection({ ...move, status: 'done', expectedVersion: 2 }),
        ).rejects.toMatchObject({ code: 'CONFLICT', reason: 'state', field: 'status' });
        await expect(
          r.updateDirection({ ...move, id: 999, status: 'done', expectedVersion: 1 }),
        ).rejects.toMatchObject({ code: 'NOT_FOUND' });
        expect((await r.getDirection(d.id))?.version).toBe(2);
      });
    });

    describe('reports', () => {
      const key = { unitId: 2, year: 2023, quarter: 2 as const };
      const draft = {
        ...key,
        amount: 20,
        basis: 'estimate' as const,
        results: 'Hoàn thành 3 hợp đồng',
        causes: '',
        difficulties: '',
        proposals: '',
        nextQuarterExpected: 30,
        expectedVersion: 0,
        expectedActualVersion: 0,
        actor: 'lead',
      };
      const move = (
        action: 'submit' | 'approve' | 'return' | 'reopen',
        expectedVersion: number,
        reason: string | null = null,
      ) => ({ ...key, action, expectedVersion, reason, atRisk: 0.85, actor: 'reviewer' });

      it('answers a report nothing was saved for as not started', async () => {
        const r = await seeded();
        expect(await r.getReport(key)).toEqual({
          ...key,
          state: 'not_started',
          basis: null,
          amount: null,
          estimateAmount: null,
          actualVersion: 0,
          results: '',
          causes: '',
          difficulties: '',
          proposals: '',
          nextQuarterExpected: null,
          submittedAt: null,
          submittedBy: null,
          decidedAt: null,
          decidedBy: null,
          returnReason: null,
          version: 0,
          updatedAt: null,
          updatedBy: null,
        });
        // A figure entered without a report: the report's amount, still not started.
        expect(await r.getReport({ ...key, quarter: 1 })).toMatchObject({
          state: 'not_started',
          amount: 13,
          basis: 'final',
          actualVersion: 1,
        });
      });

      it('saves a draft and its actual in one transaction, each audited', async () => {
        const r = await seeded();
        const saved = await r.saveReport(draft);
        expect(saved).toMatchObject({
          state: 'draft',
          amount: 20,
          basis: 'estimate',
          actualVersion: 1,
          results: 'Hoàn thành 3 hợp đồng',
          nextQuarterExpected: 30,
          version: 1,
          updatedBy: 'lead',
        });
        expect(await r.getReport(key)).toEqual(saved);
        const actual = (await r.getYearEntries(2023)).actuals.find((a) => a.quarter === 2);
        expect(actual).toMatchObject({ amount: 20, basis: 'estimate', updatedBy: 'lead' });
        const audit = await r.listAudit({ unitId: 2, year: 2023, quarter: 2 });
        expect(audit.map((a) => a.entity)).toEqual(['report', 'actual']);
        expect(audit[0]).toMatchObject({ oldValue: null, newValue: { state: 'draft' } });
        // Only the texts change: the actual is left alone.
        await r.saveReport({
          ...draft,
          results: 'x',
          expectedVersion: 1,
          expectedActualVersion: 1,
        });
        expect((await r.listAudit({ entity: 'actual', unitId: 2, quarter: 2 })).length).toBe(1);
        expect(await r.listReports(2023, 2)).toEqual([await r.getReport(key)]);
      });

      it('moves a report through the cycle, recording who and when, the reason as comment', async () => {
        const r = await seeded();
        await r.saveReport(draft);
        const submitted = await r.moveReport({ ...move('submit', 1), actor: 'lead' });
        expect(submitted).toMatchObject({
          state: 'submitted',
          submittedBy: 'lead',
          submittedAt: fixedNow().toISOString(),
          version: 2,
        });
        const returned = await r.moveReport(move('return', 2, 'Thiếu số liệu tháng 6'));
        expect(returned).toMatchObject({
          state: 'returned',
          decidedBy: 'reviewer',
          returnReason: 'Thiếu số liệu tháng 6',
        });
        const redrafted = await r.saveReport({
          ...draft,
          amount: 21,
          expectedVersion: 3,
          expectedActualVersion: 1,
        });
        expect(redrafted).toMatchObject({ state: 'draft', amount: 21, actualVersion: 2 });
        await r.moveReport({ ...move('submit', 4), actor: 'lead' });
        const approved = await r.moveReport(move('approve', 5));
        expect(approved).toMatchObject({ state: 'approved', decidedBy: 'reviewer' });
        const reopened = await r.moveReport(move('reopen', 6, 'Số chính thức đã có'));
        expect(reopened).toMatchObject({ state: 'returned', returnReason: 'Số chính thức đã có' });
        const audit = await r.listAudit({ entity: 'report' });
        expect(
          audit.map((a) => [
            (a.oldValue as { state?: string } | null)?.state ?? null,
            (a.newValue as { state: string }).state,
            a.comment,
          ]),
        ).toEqual([
          ['approved', 'returned', 'Số chính thức đã có'],
          ['submitted', 'approved', null],
          ['draft', 'submitted', null],
          ['returned', 'draft', null],
          ['submitted', 'returned', 'Thiếu số liệu tháng 6'],
          ['draft', 'submitted', null],
          [null, 'draft', null],
        ]);
      });

      it('refuses, writing nothing: stale versions, wrong states, a locked quarter, missing causes', async () => {
        const r = await seeded();
        await r.saveReport(draft);
        const before = {
          entries: await r.getYearEntries(2023),
          audit: await r.listAudit({ limit: 1000 }),
          report: await r.getReport(key),
        };
        const refusals: Array<[() => Promise<unknown>, object]> = [
          [
            () =>
              r.saveReport({ ...draft, amount: 5, expectedVersion: 0, expectedActualVersion: 1 }),
            { code: 'CONFLICT', field: 'version', details: { current: { version: 1 } } },
          ],
          [
            () =>
              r.saveReport({ ...draft, amount: 5, expectedVersion: 1, expectedActualVersion: 0 }),
            { code: 'CONFLICT', field: 'actualVersion' },
          ],
          [() => r.moveReport(move('submit', 0)), { code: 'CONFLICT', field: 'version' }],
          [
            () => r.moveReport(move('approve', 1)),
            { code: 'CONFLICT', field: 'state', reason: 'state' },
          ],
          [() => r.moveReport(move('reopen', 1, 'x')), { code: 'CONFLICT', reason: 'state' }],
          [() => r.moveReport({ ...move('submit', 0), unitId: 99 }), { code: 'NOT_FOUND' }],
        ];
        for (const [attempt, refusal] of refusals) {
          await expect(attempt()).rejects.toMatchObject(refusal);
        }
        expect({
          entries: await r.getYearEntries(2023),
          audit: await r.listAudit({ limit: 1000 }),
          report: await r.getReport(key),
        }).toEqual(before);
        // Q2's target is 30 on ROOT; A has no plan: give it one with a target of 30, so that
        // 20 is 67% of it, below the at-risk threshold of 85%.
        await r.savePlan({
          unitId: 2,
          year: 2023,
          annualPlan: 100,
          quarterTargets: [null, 30, null, null],
          actor: 'director',
        });
        const withPlan = {
          entries: await r.getYearEntries(2023),
          audit: await r.listAudit({ limit: 1000 }),
          report: await r.getReport(key),
        };
        await expect(r.moveReport(move('submit', 1))).rejects.toMatchObject({
          code: 'BAD_REQUEST',
          field: 'causes',
        });
        await r.lockQuarter({ year: 2023, quarter: 2, actor: 'director' });
        const locked = {
          entries: await r.getYearEntries(2023),
          audit: await r.listAudit({ limit: 1000 }),
          report: await r.getReport(key),
        };
        await expect(
          r.saveReport({ ...draft, causes: 'x', expectedVersion: 1, expectedActualVersion: 1 }),
        ).rejects.toMatchObject({ code: 'LOCKED' });
        await expect(r.moveReport(move('submit', 1))).rejects.toMatchObject({ code: 'LOCKED' });
        expect({
          entries: await r.getYearEntries(2023),
          audit: await r.listAudit({ limit: 1000 }),
          report: await r.getReport(key),
        }).toEqual(locked);
        expect(before.report).toEqual(withPlan.report);
        expect(withPlan.audit.length).toBe(before.audit.length + 1);
        await r.unlockQuarter({ year: 2023, quarter: 2, actor: 'director', comment: 'x' });
        const explained = await r.saveReport({
          ...draft,
          causes: 'Hợp đồng lớn chậm nghiệm thu',
          expectedVersion: 1,
          expectedActualVersion: 1,
        });
        expect((await r.moveReport(move('submit', explained.version))).state).toBe('submitted');
        // Submitted: frozen for a save.
        await expect(
          r.saveReport({ ...draft, expectedVersion: 3, expectedActualVersion: 1 }),
        ).rejects.toMatchObject({ code: 'CONFLICT', reason: 'state' });
      });

      it('freezes the figure of a submitted report; after approval only a final replaces it', async () => {
        const r = await seeded();
        const saved = await r.saveReport({ ...draft, nextQuarterExpected: null });
        const figure = { ...key, actor: 'lead', expectedVersion: saved.actualVersion };
        await r.moveReport({ ...move('submit', saved.version), actor: 'lead' });
        await expect(r.saveActual({ ...figure, amount: 22 })).rejects.toMatchObject({
          code: 'CONFLICT',
          field: 'amount',
          reason: 'state',
        });
        await expect(
          r.applyImport({ plans: [], actuals: [{ ...figure, amount: 22 }] }),
        ).rejects.toMatchObject({ code: 'CONFLICT', reason: 'state' });
        await r.moveReport(move('approve', saved.version + 1));
        await expect(
          r.saveActual({ ...figure, amount: 22, basis: 'estimate' }),
        ).rejects.toMatchObject({ code: 'CONFLICT', reason: 'state' });
        expect((await r.getReport(key)).amount).toBe(20);
        const final = await r.saveActual({ ...figure, amount: 21, basis: 'final' });
        expect(final).toMatchObject({ amount: 21, basis: 'final', estimateAmount: 20 });
        expect(await r.getReport(key)).toMatchObject({
          state: 'approved',
          amount: 21,
          basis: 'final',
          estimateAmount: 20,
        });
      });

      it('settles a submission and a figure saved at the same moment in one order or the other', async () => {
        const r = await seeded();
        const saved = await r.saveReport({ ...draft, causes: 'x' });
        const [submitted, figure] = await Promise.allSettled([
          r.moveReport({ ...move('submit', saved.version), actor: 'lead' }),
          r.saveActual({ ...key, amount: 26, expectedVersion: 1, actor: 'lead' }),
        ]);
        expect(submitted.status).toBe('fulfilled');
        const report = await r.getReport(key);
        expect(report.state).toBe('submitted');
        if (figure.status === 'fulfilled') expect(report.amount).toBe(26);
        else {
          expect(figure.reason).toMatchObject({ code: 'CONFLICT', reason: 'state' });
          expect(report.amount).toBe(20);
        }
      });

      it('lets exactly one of two simultaneous first saves win', async () => {
        const r = await seeded();
        const results = await Promise.allSettled([r.saveReport(draft), r.saveReport(draft)]);
        expect(results.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
        expect(results.find((x) => x.status === 'rejected')).toMatchObject({
          reason: { code: 'CONFLICT' },
        });
        expect((await r.listAudit({ entity: 'report' })).length).toBe(1);
      });
    });

    describe('notifications, reminders and the mail outbox', () => {
      const lead = {
        username: 'lead',
        displayName: 'Trưởng phòng A',
        role: 'unit_lead' as const,
        unitIds: [2],
        passwordHash: HASH,
        actor: 'admin',
      };
      const reviewer = { ...lead, username: 'planner', role: 'planner' as const, unitIds: [] };
      const opening = (userIds: number[]) => ({
        year: 2023,
        quarter: 2 as const,
        deadline: '2023-07-10',
        expectedVersion: 0,
        actor: 'director',
        notify: userIds.map((userId) => ({
          userId,
          kind: 'round_opened' as const,
          year: 2023,
          quarter: 2 as const,
          unitId: 2,
          deadline: '2023-07-10',
        })),
      });

      it('writes the notifications of a round with its opening, not with a move', async () => {
        const r = await seeded();
        const u = await r.createUser({ ...lead, email: 'lead@example.com', locale: 'en' });
        expect(u).toMatchObject({ email: 'lead@example.com', locale: 'en' });
        await r.saveRound(opening([u.id]));
        await r.saveRound({ ...opening([u.id]), expectedVersion: 1, deadline: '2023-07-12' });
        expect(await r.listNotifications(u.id, 100)).toEqual([
          {
            id: 1,
            kind: 'round_opened',
            createdAt: fixedNow().toISOString(),
            readAt: null,
            year: 2023,
            quarter: 2,
            unitId: 2,
            unitCode: 'A',
            unitName: 'Phòng A',
            reason: null,
            deadline: '2023-07-10',
            daysLeft: null,
          },
        ]);
        expect(await r.countPendingMail()).toBe(1);
      });

      it('writes nothing when the write that causes the notification is refused', async () => {
        const r = await seeded();
        const u = await r.createUser(lead);
        await r.saveRound(opening([u.id]));
        await expect(r.saveRound(opening([u.id]))).rejects.toMatchObject({ code: 'CONFLICT' });
        await expect(
          r.moveReport({
            unitId: 2,
            year: 2023,
            quarter: 2,
            action: 'approve',
            expectedVersion: 0,
            reason: null,
            atRisk: 0.85,
            actor: 'planner',
            notify: [{ userId: u.id, kind: 'report_returned', year: 2023, quarter: 2, unitId: 2 }],
          }),
        ).rejects.toBeInstanceOf(DbError);
        expect(await r.listNotifications(u.id, 100)).toHaveLength(1);
        // No address: a notification, no mail.
        expect(await r.countPendingMail()).toBe(0);
      });

      it("writes a move's notifications with the move, newest first, each user their own", async () => {
        const r = await seeded();
        const l = await r.createUser(lead);
        const p = await r.createUser(reviewer);
        const key = { unitId: 2, year: 2023, quarter: 2 as const };
        await r.saveReport({
          ...key,
          amount: 20,
          results: '',
          causes: '',
          difficulties: '',
          proposals: '',
          nextQuarterExpected: null,
          expectedVersion: 0,
          expectedActualVersion: 0,
          actor: 'lead',
        });
        const move = { ...key, reason: null, atRisk: 0.85 };
        await r.moveReport({
          ...move,
          action: 'submit',
          expectedVersion: 1,
          actor: 'lead',
          notify: [{ ...key, userId: p.id, kind: 'report_submitted' }],
        });
        await r.moveReport({
          ...move,
          action: 'return',
          reason: 'Thiếu <b>nguyên nhân</b>',
          expectedVersion: 2,
          actor: 'planner',
          notify: [
            { ...key, userId: l.id, kind: 'report_returned', reason: 'Thiếu <b>nguyên nhân</b>' },
          ],
        });
        const mine = await r.listNotifications(l.id, 100);
        expect(mine).toMatchObject([
          { kind: 'report_returned', reason: 'Thiếu <b>nguyên nhân</b>', unitId: 2 },
        ]);
        expect(await r.listNotifications(p.id, 100)).toMatchObject([
          { kind: 'report_submitted', unitId: 2, unitCode: 'A' },
        ]);
        const id = mine[0]?.id as number;
        // Someone else's notification is not found, and stays unread.
        expect(await r.markNotificationRead({ userId: p.id, id })).toBeNull();
        expect(await r.markNotificationRead({ userId: l.id, id: 999 })).toBeNull();
        const read = await r.markNotificationRead({ userId: l.id, id });
        expect(read).toMatchObject({ id, readAt: fixedNow().toISOString() });
        expect(await r.listNotifications(l.id, 100)).toEqual([read]);
      });

      it('claims each reminder once, with its notification and mail', async () => {
        const r = await seeded();
        const l = await r.createUser({ ...lead, email: 'lead@example.com' });
        const claim = {
          year: 2023,
          quarter: 2 as const,
          unitId: 2,
          userId: l.id,
          kind: 'before' as const,
          day: '2023-04-11',
          deadline: '2023-04-14',
        };
        const [first, second] = await Promise.all([
          r.claimReminders([claim]),
          r.claimReminders([claim]),
        ]);
        expect([...(first ?? []), ...(second ?? [])]).toEqual([claim]);
        const due = { ...claim, kind: 'due' as const, day: '2023-04-14' };
        expect(await r.unclaimedReminders([claim, due])).toEqual([due]);
        expect(
          await r.claimReminders([claim, { ...claim, kind: 'due', day: '2023-04-14' }]),
        ).toEqual([{ ...claim, kind: 'due', day: '2023-04-14' }]);
        const list = await r.listNotifications(l.id, 100);
        expect(list).toHaveLength(2);
        // A report submitted after the list of reminders was made is not reminded of.
        await r.saveReport({
          unitId: 2,
          year: 2023,
          quarter: 2,
          amount: 20,
          results: '',
          causes: '',
          difficulties: '',
          proposals: '',
          nextQuarterExpected: null,
          expectedVersion: 0,
          expectedActualVersion: 0,
          actor: 'lead',
        });
        await r.moveReport({
          unitId: 2,
          year: 2023,
          quarter: 2,
          action: 'submit',
          expectedVersion: 1,
          reason: null,
          atRisk: 0.85,
          actor: 'lead',
        });
        expect(await r.claimReminders([{ ...claim, day: '2023-04-13' }])).toEqual([]);
        // Written on 14 April (fixedNow), the deadline day: 0 days left.
        expect(list[0]).toMatchObject({
          kind: 'deadline_near',
          deadline: '2023-04-14',
          daysLeft: 0,
        });
        expect(await r.countPendingMail()).toBe(2);
      });

      it('sends each queued mail once, keeps it on failure and drops what cannot go', async () => {
        let clock = fixedNow().getTime();
        const r = await open(() => new Date(clock));
        await r.seedIfEmpty(contractOrg);
        const l = await r.createUser({ ...lead, email: 'lead@example.com', locale: 'en' });
        const claim = {
          year: 2023,
          quarter: 2 as const,
          unitId: 2,
          userId: l.id,
          kind: 'due' as const,
          day: '2023-04-14',
          deadline: '2023-04-14',
        };
        await r.claimReminders([claim]);
        const sent: string[] = [];
        let isDown = true;
        const deliver = () =>
          r.deliverMail({
            send: async (mail) => {
              if (isDown) throw new Error('connection refused');
              sent.push(`${mail.to} ${mail.locale} ${mail.notification.kind}`);
            },
            limit: 10,
            retryDelayMs: () => 60_000,
            maxAgeMs: 3 * 24 * 3600_000,
          });
        expect(await deliver()).toEqual({ sent: 0, failed: 1, dropped: 0 });
        // Not again before its retry time.
        isDown = false;
        expect(await deliver()).toEqual({ sent: 0, failed: 0, dropped: 0 });
        clock += 61_000;
        const [a, b] = await Promise.all([deliver(), deliver()]);
        expect((a?.sent ?? 0) + (b?.sent ?? 0)).toBe(1);
        expect(sent).toEqual(['lead@example.com en deadline_near']);
        expect(await r.countPendingMail()).toBe(0);
        // Its address removed before it went: dropped, not sent.
        await r.claimReminders([{ ...claim, day: '2023-04-15', kind: 'before' }]);
        await r.updateUser({ id: l.id, patch: { email: null }, actor: 'admin' });
        expect(await deliver()).toEqual({ sent: 0, failed: 0, dropped: 1 });
        expect(sent).toHaveLength(1);
      });
    });

    describe('listAudit', () => {
      it('filters by unit, year, quarter and kinds, newest first, in pages', async () => {
        const r = await seeded();
        for (const quarter of [1, 2, 3] as const) {
          await r.saveActual({ unitId: 1, year: 2023, quarter, amount: quarter, actor: 'a' });
        }
        await r.saveActual({ unitId: 2, year: 2022, quarter: 1, amount: 1, actor: 'a' });
        await r.saveSetting({ key: 'k', value: 1, actor: 'admin' });
        const all = await r.listAudit({});
        expect(all.map((a) => a.id)).toEqual([5, 4, 3, 2, 1]);
        expect((await r.listAudit({ unitId: 1, year: 2023, quarter: 2 })).map((a) => a.id)).toEqual(
          [2],
        );
        expect((await r.listAudit({ year: 2022 })).map((a) => a.id)).toEqual([4]);
        expect((await r.listAudit({ entities: ['setting'] })).map((a) => a.id)).toEqual([5]);
        expect(await r.listAudit({ entities: [] })).toEqual([]);
        expect((await r.listAudit({ limit: 2, beforeId: 4 })).map((a) => a.id)).toEqual([3, 2]);
      });
    });

    describe('dataVersion', () => {
      it('changes with every committed write and stays put on a refused one', async () => {
        const r = await seeded();
        const seen = new Set([await r.dataVersion()]);
        const expectNew = async () => {
          const version = await r.dataVersion();
          expect(seen.has(version)).toBe(false);
          seen.add(version);
        };
        await r.saveActual({ unitId: 2, year: 2023, quarter: 2, amount: 1, actor: 'a' });
        await expectNew();
        await r.savePlan({
          unitId: 2,
          year: 2023,
          annualPlan: 5,
          quarterTargets: [null, null, null, null],
          actor: 'a',
        });
        await expectNew();
        await r.lockQuarter({ year: 2023, quarter: 3, actor: 'director' });
        await expectNew();
        const unchanged = await r.dataVersion();
        await expect(
          r.saveActual({ unitId: 2, year: 2023, quarter: 3, amount: 1, actor: 'a' }),
        ).rejects.toMatchObject({ code: 'LOCKED' });
        expect(await r.dataVersion()).toBe(unchanged);
        await r.unlockQuarter({ year: 2023, quarter: 3, actor: 'admin', comment: 'x' });
        await expectNew();
        await r.createUnit({ code: 'N', name: 'N', kind: 'centre', parentId: 1, actor: 'admin' });
        await expectNew();
        await r.saveSetting({ key: 'k', value: true, actor: 'admin' });
        await expectNew();
      });
    });

    describe('listReportStates', () => {
      it('gives the state of each started report of the year, as listReports has it', async () => {
        const r = await seeded();
        expect(await r.listReportStates(2023)).toEqual([]);
        await r.saveReport({
          unitId: 2,
          year: 2023,
          quarter: 2,
          amount: 5,
          results: 'r',
          causes: '',
          difficulties: '',
          proposals: '',
          nextQuarterExpected: null,
          expectedVersion: 0,
          expectedActualVersion: 0,
          actor: 'lead',
        });
        await r.moveReport({
          unitId: 2,
          year: 2023,
          quarter: 2,
          action: 'submit',
          expectedVersion: 1,
          actor: 'lead',
          reason: null,
          atRisk: 0.85,
        });
        const states = await r.listReportStates(2023);
        expect(states).toEqual([{ unitId: 2, quarter: 2, state: 'submitted' }]);
        const listed = await r.listReports(2023, 2);
        expect(listed.find((x) => x.unitId === 2)?.state).toBe('submitted');
        expect(await r.listReportStates(2024)).toEqual([]);
      });
    });

    describe('listPlannedUnitIds', () => {
      it('lists the units with their own plan for the year, ascending', async () => {
        const r = await seeded();
        expect(await r.listPlannedUnitIds(2023)).toEqual(
          (await r.getYearEntries(2023)).plans.map((p) => p.unitId),
        );
        expect(await r.listPlannedUnitIds(2023)).not.toEqual([]);
        await r.savePlan({
          unitId: 2,
          year: 2024,
          annualPlan: 9,
          quarterTargets: [null, null, null, null],
          actor: 'a',
        });
        expect(await r.listPlannedUnitIds(2024)).toEqual([2]);
        expect(await r.listPlannedUnitIds(2030)).toEqual([]);
      });
    });

    describe('yearsVersion', () => {
      it('changes with every committed change of a year in the range, and with no other', async () => {
        const r = await seeded();
        const seen = new Set([await r.yearsVersion(2022, 2023)]);
        const expectNew = async () => {
          const version = await r.yearsVersion(2022, 2023);
          expect(seen.has(version)).toBe(false);
          seen.add(version);
        };
        // A new actual, the same one changed, a plan changed, an import.
        await r.saveActual({ unitId: 2, year: 2023, quarter: 2, amount: 1, actor: 'a' });
        await expectNew();
        await r.saveActual({ unitId: 2, year: 2023, quarter: 2, amount: 2, actor: 'a' });
        await expectNew();
        await r.savePlan({
          unitId: 1,
          year: 2023,
          annualPlan: 181,
          quarterTargets: [null, 30, null, null],
          actor: 'a',
        });
        await expectNew();
        await r.applyImport({
          plans: [],
          actuals: [{ unitId: 2, year: 2022, quarter: 4, amount: 5, actor: 'a' }],
        });
        await expectNew();
        // Figures of 2024 leave 2022..2023's version as it is.
        const unchanged = await r.yearsVersion(2022, 2023);
        await r.saveActual({ unitId: 2, year: 2024, quarter: 1, amount: 3, actor: 'a' });
        await r.savePlan({
          unitId: 2,
          year: 2024,
          annualPlan: 9,
          quarterTargets: [null, null, null, null],
          actor: 'a',
        });
        expect(await r.yearsVersion(2022, 2023)).toBe(unchanged);
      });
    });

    describe('unitsVersion', () => {
      it('changes with every committed change of the unit tree', async () => {
        const r = await seeded();
        await r.saveActual({ unitId: 2, year: 2023, quarter: 2, amount: 1, actor: 'a' });
        const seen = new Set([await r.unitsVersion()]);
        const expectNew = async () => {
          const version = await r.unitsVersion();
          expect(seen.has(version)).toBe(false);
          seen.add(version);
        };
        const created = await r.createUnit({
          code: 'N',
          name: 'N',
          kind: 'centre',
          parentId: 1,
          actor: 'admin',
        });
        await expectNew();
        await r.updateUnit({ id: created.id, patch: { name: 'M' }, actor: 'admin' });
        await expectNew();
        await r.updateUnit({ id: created.id, patch: { parentId: 2 }, actor: 'admin' });
        await expectNew();
      });
    });
  });
}
