import type { Messages } from './en';

/** Vietnamese UI strings, in the words of the organisation's own reports (shared/GLOSSARY.md). */
export const vi: Messages = {
  app: {
    name: 'Targetline',
    tagline: 'Doanh thu so với kế hoạch năm',
  },
  header: {
    year: 'Năm',
    language: 'Ngôn ngữ',
  },
  language: {
    vi: 'VI',
    en: 'EN',
    viName: 'Tiếng Việt',
    enName: 'English',
  },
  state: {
    loading: 'Đang tải…',
    errorTitle: 'Không tải được số liệu',
    errorBody: 'Hãy kiểm tra máy chủ Targetline đang chạy, rồi thử lại. Chi tiết: {{message}}',
    retry: 'Thử lại',
    noUnitsTitle: 'Chưa có đơn vị nào',
    noUnitsBody:
      'Danh mục đơn vị của Viện chưa được nhập vào Targetline. Đề nghị quản trị viên nhập danh mục đơn vị, sau đó tải lại trang này.',
    noYearsTitle: 'Chưa có kế hoạch năm',
    noYearsBody:
      'Hãy giao kế hoạch năm {{year}} cho Viện và các đơn vị ở mục “Giao kế hoạch” bên dưới. Bảng theo dõi sẽ hiện ra ngay khi lưu kế hoạch đầu tiên.',
  },
  cards: {
    title: 'Chỉ tiêu chính',
    annualPlan: 'Kế hoạch năm {{year}}',
    annualPlanNote: 'Kế hoạch doanh thu toàn Viện',
    ytdActual: 'Lũy kế từ đầu năm',
    ytdActualNote: 'Thực hiện đến hết {{quarter}}',
    ytdActualNoteNone: 'Chưa có số liệu thực hiện',
    percentOfPlan: '% hoàn thành kế hoạch năm',
    percentOfPlanNote: 'Lũy kế thực hiện ÷ kế hoạch năm',
    latestQuarter: 'Thực hiện {{quarter}}',
    latestQuarterNone: 'Quý gần nhất',
    latestQuarterTarget: 'Chỉ tiêu {{target}} · đạt {{percent}}',
    fullAmount: '{{amount}} đồng',
  },
  chart: {
    title: 'Tỷ lệ hoàn thành chỉ tiêu quý theo đơn vị',
    description:
      'Mỗi cột là số thực hiện của một quý so với chỉ tiêu quý đó; đường ngang là mức 100%. Quý chưa có chỉ tiêu hoặc chưa có số liệu thực hiện thì không có cột.',
    target: '100% chỉ tiêu',
    empty: 'Chưa có quý nào có cả chỉ tiêu và số liệu thực hiện.',
    axisUnit: 'Đơn vị',
    axisAchieved: '% hoàn thành',
  },
  table: {
    title: 'Chi tiết theo đơn vị',
    caption: 'Đơn vị tính: đồng; % quý = thực hiện ÷ chỉ tiêu quý.',
    unit: 'Đơn vị',
    annualPlan: 'Kế hoạch năm',
    target: 'Chỉ tiêu',
    actual: 'Thực hiện',
    achieved: '% hoàn thành',
    ytdActual: 'Lũy kế từ đầu năm',
    percentOfPlan: '% KH năm',
    met: 'đạt',
    notMet: 'chưa đạt',
  },
  forms: {
    title: 'Nhập số liệu',
    unit: 'Đơn vị',
    quarter: 'Quý',
    optional: 'không bắt buộc',
    saving: 'Đang lưu…',
    loadingEntries: 'Đang tải số liệu đã nhập…',
    amountHint: 'Số đồng, ví dụ: 25 tỷ, 500 triệu hoặc 25.000.000.000',
    parsed: '= {{amount}} đồng',
    saveFailed: 'Chưa lưu được: {{message}}',
    fixErrors: 'Hãy sửa các ô được đánh dấu trước.',
    plan: {
      title: 'Giao kế hoạch năm {{year}}',
      annualPlan: 'Kế hoạch năm',
      quarterTarget: 'Chỉ tiêu {{quarter}}',
      submit: 'Lưu kế hoạch',
      saved: 'Đã lưu kế hoạch năm {{year}} của {{unit}}.',
    },
    actual: {
      title: 'Nhập số liệu thực hiện',
      amount: 'Doanh thu thực hiện',
      submit: 'Lưu số thực hiện',
      saved: 'Đã lưu số thực hiện {{quarter}} của {{unit}}.',
    },
    errors: {
      empty: 'Chưa nhập số tiền.',
      invalid: 'Không đọc được số tiền. Ví dụ: 25 tỷ hoặc 25.000.000.000',
      negative: 'Số tiền không được âm.',
      fraction: 'Số tiền phải là số đồng nguyên.',
      too_large: 'Số tiền quá lớn (tối đa {{max}} đồng).',
    },
  },
};
