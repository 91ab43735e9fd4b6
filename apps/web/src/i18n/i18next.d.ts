import 'i18next';
import type { Messages } from '@targetline/core';

// Typed keys: t('cards.annualPlan') is checked against the English resources.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}
