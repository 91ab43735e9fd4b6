import { describe, expect, it } from 'vitest';
import { notificationMail, notificationPath, notificationText } from './notifications';

const returned = {
  kind: 'report_returned' as const,
  year: 2023,
  quarter: 2,
  unitId: 3,
  unitCode: 'TT-ATM',
  unitName: 'Trung tâm An toàn Mỏ',
  reason: 'Thiếu nguyên nhân\r\nBcc: x@evil.example',
  deadline: null,
  daysLeft: null,
};

describe('notificationText', () => {
  it('writes what happened in the reader’s language, the reason as typed', () => {
    expect(notificationText(returned, 'vi')).toBe(
      'Báo cáo Quý II/2023 của Trung tâm An toàn Mỏ đã bị trả lại: Thiếu nguyên nhân\r\nBcc: x@evil.example',
    );
    expect(notificationText({ ...returned, kind: 'report_submitted' }, 'en')).toBe(
      'Trung tâm An toàn Mỏ submitted its report for Q2 2023.',
    );
  });

  it('says "today" on the deadline day and the days left before it', () => {
    const reminder = { ...returned, kind: 'deadline_near' as const, deadline: '2023-07-10' };
    expect(notificationText({ ...reminder, daysLeft: 3 }, 'en')).toBe(
      'Reminder: the report of Trung tâm An toàn Mỏ for Q2 2023 is due by 10 Jul 2023 (3 days left).',
    );
    expect(notificationText({ ...reminder, daysLeft: 0 }, 'vi')).toBe(
      'Nhắc nhở: hôm nay, 10/07/2023, là hạn nộp báo cáo Quý II/2023 của Trung tâm An toàn Mỏ.',
    );
  });
});

describe('notificationMail', () => {
  it('is plain text with a one-line subject, whatever a name or reason holds', () => {
    const mail = notificationMail(
      { ...returned, unitName: 'Trung tâm\nBcc: x@evil.example' },
      { locale: 'en', name: 'Trần Thị An', url: 'https://t.example/reports/3/2023/2' },
    );
    expect(mail.subject).toBe('Report returned: Trung tâm Bcc: x@evil.example, Q2 2023');
    expect(mail.text).toContain('Dear Trần Thị An,');
    expect(mail.text).toContain('Open it in Targetline: https://t.example/reports/3/2023/2');
  });
});

describe('notificationPath', () => {
  it('leads to the unit’s report, or to the round when no unit is named', () => {
    expect(notificationPath(returned)).toBe('/reports/3/2023/2');
    expect(notificationPath({ ...returned, unitId: null })).toBe('/review?year=2023&quarter=2');
  });
});
