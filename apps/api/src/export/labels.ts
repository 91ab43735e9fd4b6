import { formatQuarter, type Locale, type Quarter } from '@targetline/core';

/** The words of the exported files, as the organisation's reports use them (see GLOSSARY.md). */
const WORDS = {
  vi: {
    code: 'Mã đơn vị',
    unit: 'Đơn vị',
    annualPlan: 'Kế hoạch năm',
    target: 'Chỉ tiêu',
    actual: 'Thực hiện',
    achieved: '% hoàn thành',
    ytdActual: 'Lũy kế từ đầu năm',
    ofPlan: '% kế hoạch năm',
    unitNote: 'Đơn vị tính: đồng',
    review: (q: Quarter, y: number) => `Sơ kết ${formatQuarter(q, y, 'vi')}`,
    headline: 'Kết quả chính',
    chartTitle: 'Tỷ lệ hoàn thành chỉ tiêu quý theo đơn vị',
    tableTitle: 'Chi tiết theo đơn vị',
    quarterVsTarget: (q: Quarter) => `${formatQuarter(q, undefined, 'vi')} so với chỉ tiêu`,
    exported: 'xuất ngày',
    noTarget: 'chưa có chỉ tiêu',
  },
  en: {
    code: 'Unit code',
    unit: 'Unit',
    annualPlan: 'Annual plan',
    target: 'Target',
    actual: 'Actual',
    achieved: '% achieved',
    ytdActual: 'Year-to-date actual',
    ofPlan: '% of annual plan',
    unitNote: 'Amounts in VND',
    review: (q: Quarter, y: number) => `${formatQuarter(q, y, 'en')} review`,
    headline: 'Headline figures',
    chartTitle: '% of quarter target achieved, by unit',
    tableTitle: 'Detail by unit',
    quarterVsTarget: (q: Quarter) => `${formatQuarter(q, undefined, 'en')} against target`,
    exported: 'exported',
    noTarget: 'no target',
  },
} as const;

export const labels = (locale: Locale) => WORDS[locale];
