import type { Locale } from './types';

/**
 * What an import reports, in the language of the person importing: the same words the
 * import page and the organisation's reports use (GLOSSARY.md).
 */
const MESSAGES = {
  en: {
    unknownColumn: (columns: string) => `unknown column; the template has ${columns}`,
    duplicateColumn: () => 'the column appears twice',
    missingColumn: () => 'missing column',
    formula: () => 'a formula; enter the value itself',
    unitCodeRequired: () => 'a unit code is required',
    yearRequired: () => 'a year from 2000 to 2100 is required',
    typeRequired: () => 'type must be plan, target or actual',
    planHasNoQuarter: () => 'an annual plan has no quarter',
    quarterRequired: () => 'a quarter from 1 to 4 is required',
    amountRange: () => 'an amount is whole đồng from 0 to 1e15',
    amountEmpty: () => 'an amount is required',
    amountInvalid: () => 'not an amount (write 25000000000, "25 tỷ" or "25.000.000.000")',
    amountNegative: () => 'an amount cannot be negative',
    amountFraction: () => 'an amount is whole đồng, without a fraction',
    amountTooLarge: () => 'more than 1,000,000,000,000,000 đồng',
    sameFigure: (row: number) => `the same figure as row ${row}`,
    noRows: () => 'the file has no rows of figures',
    unknownUnit: (code: string) => `no unit has the code ${code}`,
    notYourUnit: (code: string) => `you may not enter figures for ${code}`,
    plansOnly: () => 'only directors and admins set plans and targets',
    locked: (quarter: string, by: string, at: string) => `${quarter} was locked by ${by} at ${at}`,
    noAnnualPlan: (code: string, year: number) =>
      `${code} has no annual plan for ${year}: add a plan row before its targets`,
  },
  vi: {
    unknownColumn: (columns: string) => `cột không có trong mẫu; mẫu gồm ${columns}`,
    duplicateColumn: () => 'cột bị lặp lại',
    missingColumn: () => 'thiếu cột',
    formula: () => 'ô chứa công thức; hãy nhập giá trị',
    unitCodeRequired: () => 'cần mã đơn vị',
    yearRequired: () => 'cần năm từ 2000 đến 2100',
    typeRequired: () => 'loại phải là plan, target hoặc actual',
    planHasNoQuarter: () => 'kế hoạch năm không ghi quý',
    quarterRequired: () => 'cần quý từ 1 đến 4',
    amountRange: () => 'số tiền là số đồng nguyên từ 0 đến 1e15',
    amountEmpty: () => 'cần số tiền',
    amountInvalid: () => 'không phải số tiền (ví dụ 25000000000, "25 tỷ" hoặc "25.000.000.000")',
    amountNegative: () => 'số tiền không được âm',
    amountFraction: () => 'số tiền là số đồng nguyên, không có phần lẻ',
    amountTooLarge: () => 'lớn hơn 1.000.000.000.000.000 đồng',
    sameFigure: (row: number) => `trùng số liệu với dòng ${row}`,
    noRows: () => 'tệp không có dòng số liệu nào',
    unknownUnit: (code: string) => `không có đơn vị mã ${code}`,
    notYourUnit: (code: string) => `bạn không được nhập số liệu cho ${code}`,
    plansOnly: () => 'chỉ lãnh đạo và quản trị được giao kế hoạch và chỉ tiêu',
    locked: (quarter: string, by: string, at: string) =>
      `${quarter} đã khóa số liệu bởi ${by} lúc ${at}`,
    noAnnualPlan: (code: string, year: number) =>
      `${code} chưa có kế hoạch năm ${year}: thêm dòng kế hoạch trước các chỉ tiêu`,
  },
} as const;

export type ImportMessages = (typeof MESSAGES)['en'];

/** The import's messages in one language. */
export const importMessages = (locale: Locale): ImportMessages => MESSAGES[locale];
