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
  /**
   * The plan the parent group assigned (kế hoạch Tập đoàn giao) where it differs from the
   * plan the unit works to; absent or null = not set.
   */
  assignedPlan?: Amount | null;
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

/**
 * How completely a quarter of a unit's subtree (the unit itself included) is reported. The
 * reporting units are those `reportingUnitIds` (completeness.ts) names: each unit with its own
 * plan for the year, unless a unit below it has one too (its plan is then its units' plan).
 */
export type QuarterCompleteness = {
  /** Reporting units in the subtree; the same in every quarter of the year. */
  expectedUnits: number;
  /** Of those, how many entered their own figure for the quarter (an estimate counts). */
  reportedUnits: number;
  /**
   * The ids of the others, depth-first. When not empty the quarter is partly reported: its
   * actual is the sum of the figures that are in, not the quarter's revenue.
   */
  missingUnitIds: number[];
  /** True when any figure of the subtree for the quarter is an estimate, not final. */
  isEstimate: boolean;
};

export type QuarterSummary = QuarterCompleteness & {
  quarter: Quarter;
  /** Rolled-up target; null where neither the unit nor any descendant has one. */
  target: Amount | null;
  /** Rolled-up actual; null where neither the unit nor any descendant entered one. */
  actual: Amount | null;
  /**
   * actual / target; null where the target is 0 or missing or the actual is missing. Of a
   * partly reported quarter (missingUnitIds) it is the share the figures in so far make.
   */
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
  /** Every figure entered for the year so far; the quarters say which of them are partial. */
  ytdActual: Amount | null;
  /**
   * ytdActual / annualPlan; null where the plan is 0 or missing or nothing was entered. The
   * share of the plan the figures in so far make: partial where a quarter is.
   */
  achieved: number | null;
  /**
   * The rolled-up plan the parent group assigned: rolled up as annualPlan is (the unit's own
   * where it has a plan, else the sum of its children's); null where none is set.
   */
  assignedPlan: Amount | null;
  /**
   * ytdActual / assignedPlan, beside `achieved`: null where the assigned plan is 0 or missing
   * or nothing was entered; kept where partly reported, as `achieved` is.
   */
  achievedVsAssigned: number | null;
  quarters: [QuarterSummary, QuarterSummary, QuarterSummary, QuarterSummary];
};

/** Which branch of the as-of rule (`defaultAsOfQuarter`) chose the default quarter. */
export type AsOfRule =
  /** The latest quarter whose review round is complete. */
  | 'round_complete'
  /** No round is complete: the latest quarter in which every reporting unit has a figure. */
  | 'all_reported'
  /** No quarter is fully reported yet: Q1, the first being reported, partial. */
  | 'none_complete'
  /** No unit has a plan, so none is expected to report: the latest quarter with any figure. */
  | 'latest_entry'
  /** Nothing entered for the year: no as-of quarter. */
  | 'nothing_entered';

export type YearSummary = {
  year: number;
  currency: 'VND';
  /** The default "as of" quarter by the as-of rule (`defaultAsOfQuarter`); null if nothing was entered. */
  asOfQuarter: Quarter | null;
  asOfRule: AsOfRule;
  /** The whole organisation (every root together), quarter by quarter: who has reported. */
  reporting: [
    QuarterCompleteness & { quarter: Quarter },
    QuarterCompleteness & { quarter: Quarter },
    QuarterCompleteness & { quarter: Quarter },
    QuarterCompleteness & { quarter: Quarter },
  ];
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
