import 'i18next';
import type { Messages } from './en';

// Typed keys: t('cards.annualPlan') is checked against the English resources.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}
