import { readFile } from 'node:fs/promises';
import { isAmount, isIsoDate, isQuarter, isYear, type UnitKind } from '@targetline/core';
import type { Repository, SeedOrganisation } from '@targetline/db';
import { hashPassword } from './auth/password';

const KINDS: readonly UnitKind[] = ['institute', 'department', 'centre', 'company'];

const fail = (where: string, what: string): never => {
  throw new Error(`Demo data, ${where}: ${what}`);
};

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const listOf = (doc: Record<string, unknown>, key: string): Record<string, unknown>[] => {
  const list = doc[key];
  if (!Array.isArray(list)) return fail(key, 'must be a list');
  return list.map((item, i) => (isRecord(item) ? item : fail(`${key}[${i}]`, 'must be an object')));
};

const amountOrNull = (v: unknown, where: string): number | null =>
  v === null ? null : isAmount(v) ? v : fail(where, 'must be integer đồng from 0 to 1e15, or null');

/** Checks the demo file field by field, so a hand-edited file fails with the row that is wrong. */
export function parseOrganisation(doc: unknown): SeedOrganisation {
  if (!isRecord(doc)) return fail('file', 'must be a JSON object');
  const units = listOf(doc, 'units').map((u, i) => {
    const where = `units[${i}]`;
    if (typeof u.code !== 'string' || u.code === '') fail(where, 'code must be text');
    if (typeof u.name !== 'string' || u.name.trim() === '') fail(where, 'name must be text');
    if (!KINDS.includes(u.kind as UnitKind)) fail(where, `kind must be one of ${KINDS.join(', ')}`);
    if (u.parentCode !== null && typeof u.parentCode !== 'string')
      fail(where, 'parentCode must be text or null');
    return {
      code: u.code as string,
      name: u.name as string,
      kind: u.kind as UnitKind,
      parentCode: u.parentCode as string | null,
    };
  });
  const plans = listOf(doc, 'plans').map((p, i) => {
    const where = `plans[${i}]`;
    const targets = p.quarterTargets;
    if (!Array.isArray(targets) || targets.length !== 4)
      fail(where, 'quarterTargets must list 4 quarters');
    const [q1, q2, q3, q4] = (targets as unknown[]).map((t, q) =>
      amountOrNull(t, `${where}.quarterTargets[${q}]`),
    );
    return {
      unitCode: typeof p.unitCode === 'string' ? p.unitCode : fail(where, 'unitCode must be text'),
      year: isYear(p.year) ? p.year : fail(where, 'year must be 2000..2100'),
      annualPlan: isAmount(p.annualPlan)
        ? p.annualPlan
        : fail(where, 'annualPlan must be integer đồng'),
      quarterTargets: [
        q1 ?? null,
        q2 ?? null,
        q3 ?? null,
        q4 ?? null,
      ] as SeedOrganisation['plans'][number]['quarterTargets'],
    };
  });
  const actuals = listOf(doc, 'actuals').map((a, i) => {
    const where = `actuals[${i}]`;
    return {
      unitCode: typeof a.unitCode === 'string' ? a.unitCode : fail(where, 'unitCode must be text'),
      year: isYear(a.year) ? a.year : fail(where, 'year must be 2000..2100'),
      quarter: isQuarter(a.quarter) ? a.quarter : fail(where, 'quarter must be 1..4'),
      amount: isAmount(a.amount) ? a.amount : fail(where, 'amount must be integer đồng'),
    };
  });
  // The review: optional, so that an organisation file without it still loads.
  const rounds = (Array.isArray(doc.rounds) ? listOf(doc, 'rounds') : []).map((r, i) => {
    const where = `rounds[${i}]`;
    return {
      year: isYear(r.year) ? r.year : fail(where, 'year must be 2000..2100'),
      quarter: isQuarter(r.quarter) ? r.quarter : fail(where, 'quarter must be 1..4'),
      deadline:
        typeof r.deadline === 'string' && isIsoDate(r.deadline)
          ? r.deadline
          : fail(where, 'deadline must be a date, YYYY-MM-DD'),
    };
  });
  const text = (v: unknown, where: string) =>
    typeof v === 'string' ? v : fail(where, 'must be text');
  const textOrNull = (v: unknown, where: string) => (v === null ? null : text(v, where));
  const STATES = ['draft', 'submitted', 'returned', 'approved'] as const;
  const reports = (Array.isArray(doc.reports) ? listOf(doc, 'reports') : []).map((r, i) => {
    const where = `reports[${i}]`;
    const state =
      STATES.find((s) => s === r.state) ?? fail(where, `state must be one of ${STATES.join(', ')}`);
    return {
      unitCode: text(r.unitCode, `${where}.unitCode`),
      year: isYear(r.year) ? r.year : fail(where, 'year must be 2000..2100'),
      quarter: isQuarter(r.quarter) ? r.quarter : fail(where, 'quarter must be 1..4'),
      state,
      results: text(r.results, `${where}.results`),
      causes: text(r.causes, `${where}.causes`),
      difficulties: text(r.difficulties, `${where}.difficulties`),
      proposals: text(r.proposals, `${where}.proposals`),
      nextQuarterExpected: amountOrNull(r.nextQuarterExpected, `${where}.nextQuarterExpected`),
      submittedAt: textOrNull(r.submittedAt, `${where}.submittedAt`),
      submittedBy: textOrNull(r.submittedBy, `${where}.submittedBy`),
      decidedAt: textOrNull(r.decidedAt, `${where}.decidedAt`),
      decidedBy: textOrNull(r.decidedBy, `${where}.decidedBy`),
      returnReason: textOrNull(r.returnReason, `${where}.returnReason`),
    };
  });
  return { units, plans, actuals, rounds, reports };
}

export const DEMO_PASSWORD = 'targetline-demo';

/**
 * The demo accounts: admin, director, viewer, one lead per unit under the root, and the planning
 * office (planner) last, so that the accounts before it keep their ids.
 */
export function demoAccounts(org: SeedOrganisation) {
  const leads = org.units
    .filter((u) => u.parentCode !== null)
    .map((u) => ({
      username: `lead-${u.code.toLowerCase()}`,
      displayName: `Trưởng đơn vị – ${u.name}`,
      role: 'unit_lead' as const,
      unitCodes: [u.code],
    }));
  return [
    { username: 'admin', displayName: 'Quản trị hệ thống', role: 'admin' as const, unitCodes: [] },
    { username: 'director', displayName: 'Viện trưởng', role: 'director' as const, unitCodes: [] },
    { username: 'viewer', displayName: 'Người xem', role: 'viewer' as const, unitCodes: [] },
    ...leads,
    {
      username: 'planner',
      displayName: 'Phòng Kế hoạch – Tổng hợp',
      role: 'planner' as const,
      unitCodes: [],
    },
  ];
}

export type SeedOptions = {
  /** Also create the demo accounts, all with the password DEMO_PASSWORD. */
  hasAccounts: boolean;
  scryptLog2N: number;
};

/**
 * Loads the demo organisation into an empty database, with the demo accounts if asked; a
 * database with any unit is left untouched (and no password is hashed for nothing).
 */
export async function seedDemo(
  repository: Repository,
  path: string,
  { hasAccounts, scryptLog2N }: SeedOptions,
): Promise<boolean> {
  if ((await repository.listUnits()).length > 0) return false;
  const org = parseOrganisation(JSON.parse(await readFile(path, 'utf8')) as unknown);
  const users = hasAccounts
    ? await Promise.all(
        demoAccounts(org).map(async (account) => ({
          ...account,
          passwordHash: await hashPassword(DEMO_PASSWORD, scryptLog2N),
        })),
      )
    : [];
  return repository.seedIfEmpty({ ...org, users });
}
