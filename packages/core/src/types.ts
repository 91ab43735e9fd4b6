/** An amount of money in whole Vietnamese đồng: a safe integer from 0 to MAX_AMOUNT. */
export type Amount = number;

export type Quarter = 1 | 2 | 3 | 4;

export type Locale = 'vi' | 'en';

export type UnitKind = 'institute' | 'department' | 'centre' | 'company';

export type Unit = {
  id: number;
  code: string;
  name: string;
  parentId: number | null;
  kind: UnitKind;
};

/** A unit's own plan for one year, as entered (not rolled up). */
export type PlanEntry = {
  unitId: number;
  annualPlan: Amount;
  /** Q1..Q4; null where no target is set for that quarter. */
  quarterTargets: [Amount | null, Amount | null, Amount | null, Amount | null];
};

/** A unit's own actual revenue for one quarter, as entered (not rolled up). */
export type ActualEntry = {
  unitId: number;
  quarter: Quarter;
  amount: Amount;
  /** An estimate (ước thực hiện: the review meets before the books close) or final (số chính thức); absent = final. */
  basis?: 'estimate' | 'final';
};

export type QuarterSummary = {
  quarter: Quarter;
  /** Rolled-up target; null where neither the unit nor any descendant has one. */
  target: Amount | null;
  /** Rolled-up actual; null where neither the unit nor any descendant entered one. */
  actual: Amount | null;
  /** actual / target; null where the target is 0 or missing or the actual is missing. */
  achieved: number | null;
};

export type UnitSummary = {
  unitId: number;
  code: string;
  name: string;
  parentId: number | null;
  kind: UnitKind;
  /** 0 for the root. */
  depth: number;
  annualPlan: Amount | null;
  ytdActual: Amount | null;
  /** ytdActual / annualPlan; null where the plan is 0 or missing or nothing was entered. */
  achieved: number | null;
  quarters: [QuarterSummary, QuarterSummary, QuarterSummary, QuarterSummary];
};

export type YearSummary = {
  year: number;
  currency: 'VND';
  /** The latest quarter in which any unit entered an actual; null if none. */
  asOfQuarter: Quarter | null;
  /** Every unit, depth-first from the root, children ordered by code. */
  units: UnitSummary[];
};

/**
 * `planner` is the planning office (phòng Kế hoạch): reads everything as a director does and
 * reviews the units' quarterly reports (approve, return), but writes no figure or plan.
 */
export type Role = 'admin' | 'director' | 'planner' | 'unit_lead' | 'viewer';

/** A user as everyone may see them: never with a password hash. */
export type User = {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  /** Units a unit lead leads (they write these and their sub-units); empty for other roles. */
  unitIds: number[];
  isDisabled: boolean;
  version: number;
};
