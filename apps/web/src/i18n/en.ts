/**
 * English UI strings. The shape of this object is the type every other
 * language must match (see `Messages`), so a missing key fails type-checking.
 */
export const en = {
  app: {
    name: 'Targetline',
    tagline: 'Revenue against the annual plan',
  },
  header: {
    year: 'Year',
    language: 'Language',
  },
  language: {
    vi: 'VI',
    en: 'EN',
    viName: 'Tiếng Việt',
    enName: 'English',
  },
  state: {
    loading: 'Loading…',
    errorTitle: 'The figures could not be loaded',
    errorBody: 'Check that the Targetline server is running, then try again. Details: {{message}}',
    retry: 'Try again',
    noUnitsTitle: 'No units yet',
    noUnitsBody:
      "The organisation's units have not been loaded into Targetline. Ask the administrator to import the list of units, then reload this page.",
    noYearsTitle: 'No annual plan yet',
    noYearsBody:
      'Set the {{year}} annual plan for the organisation and its units under “Set the plan” below. The dashboard appears as soon as the first plan is saved.',
  },
  cards: {
    title: 'Headline figures',
    annualPlan: 'Annual plan {{year}}',
    annualPlanNote: 'Revenue plan for the whole organisation',
    ytdActual: 'Year-to-date actual',
    ytdActualNote: 'To the end of {{quarter}}',
    ytdActualNoteNone: 'No actual entered yet',
    percentOfPlan: '% of annual plan',
    percentOfPlanNote: 'Year-to-date actual ÷ annual plan',
    latestQuarter: '{{quarter}} actual',
    latestQuarterNone: 'Latest quarter',
    latestQuarterTarget: 'Target {{target}} · {{percent}} achieved',
    fullAmount: '{{amount}} VND',
  },
  chart: {
    title: '% of quarter target achieved, by unit',
    description:
      'Each bar is one quarter’s actual against that quarter’s target; the line marks 100%. A quarter without a target or an actual has no bar.',
    target: '100% of target',
    empty: 'No quarter has both a target and an actual yet.',
    axisUnit: 'Unit',
    axisAchieved: '% achieved',
  },
  table: {
    title: 'Detail by unit',
    caption: 'Amounts in VND; quarter % = actual ÷ quarter target.',
    unit: 'Unit',
    annualPlan: 'Annual plan',
    target: 'Target',
    actual: 'Actual',
    achieved: '% achieved',
    ytdActual: 'Year to date',
    percentOfPlan: '% of plan',
    met: 'met',
    notMet: 'not met',
  },
  forms: {
    title: 'Enter figures',
    unit: 'Unit',
    quarter: 'Quarter',
    optional: 'optional',
    saving: 'Saving…',
    loadingEntries: 'Loading the figures entered so far…',
    amountHint: 'Whole VND, e.g. 25 bn, 500 m or 25,000,000,000',
    parsed: '= {{amount}} VND',
    saveFailed: 'Not saved: {{message}}',
    fixErrors: 'Correct the highlighted fields first.',
    plan: {
      title: 'Set the {{year}} plan',
      annualPlan: 'Annual plan',
      quarterTarget: '{{quarter}} target',
      submit: 'Save plan',
      saved: 'Saved the {{year}} plan of {{unit}}.',
    },
    actual: {
      title: 'Enter the actual',
      amount: 'Actual revenue',
      submit: 'Save actual',
      saved: 'Saved the {{quarter}} actual of {{unit}}.',
    },
    errors: {
      empty: 'Enter an amount.',
      invalid: 'This is not an amount. Example: 25 bn or 25,000,000,000',
      negative: 'The amount cannot be negative.',
      fraction: 'The amount must be a whole number of đồng.',
      too_large: 'The amount is too large (at most {{max}} VND).',
    },
  },
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** Every language provides exactly these keys. */
export type Messages = Widen<typeof en>;
