import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSummary } from '../routes/load-summary';
import { buildTestApp } from '../test/helpers';
import { buildReviewReport, type ReviewReportInput } from './review-docx';

let ctx: Awaited<ReturnType<typeof buildTestApp>>;
let input: ReviewReportInput;
beforeAll(async () => {
  ctx = await buildTestApp();
  input = {
    summary: await loadSummary(ctx.repository, 2023, 1),
    quarter: 1,
    locale: 'vi',
    organisation: 'Viện Khoa học Công nghệ Mỏ – Vinacomin',
    reports: await ctx.repository.listReports(2023, 1),
    exportedAt: new Date('2023-04-14T02:00:00Z'),
  };
});
afterAll(async () => {
  await ctx.app.close();
});

const documentXml = async (body: Buffer) =>
  (await (await JSZip.loadAsync(body)).file('word/document.xml')?.async('string')) ?? '';

describe('buildReviewReport', () => {
  it('leaves the conclusions out when none are given', async () => {
    const xml = await documentXml(await buildReviewReport(input));
    expect(xml).not.toContain('KẾT LUẬN CHỈ ĐẠO');
  });

  it('prints each direction with its unit (or the whole institute), due quarter and status in words', async () => {
    const xml = await documentXml(
      await buildReviewReport({
        ...input,
        directions: [
          {
            unitName: null,
            text: 'Doanh thu Quý II phấn đấu đạt 30 tỷ đồng',
            dueQuarter: 2,
            dueYear: 2023,
            status: 'open',
          },
          {
            unitName: 'Trung tâm An toàn Mỏ',
            text: '<w:p>Ký hợp đồng khung & "nghiệm thu"</w:p>',
            dueQuarter: 3,
            dueYear: 2023,
            status: 'in_progress',
          },
        ],
      }),
    );
    expect(xml).toContain('IV. KẾT LUẬN CHỈ ĐẠO');
    expect(xml).toContain('– Toàn Viện: ');
    expect(xml).toContain('Doanh thu Quý II phấn đấu đạt 30 tỷ đồng');
    expect(xml).toContain(' (hạn Quý II/2023; đang theo dõi)');
    expect(xml).toContain('– Trung tâm An toàn Mỏ: ');
    expect(xml).toContain('&lt;w:p&gt;Ký hợp đồng khung &amp; &quot;nghiệm thu&quot;&lt;/w:p&gt;');
    expect(xml).toContain(' (hạn Quý III/2023; đang thực hiện)');
    expect(xml).not.toContain('<w:p>Ký');
  });

  it('dates the letterhead in Vietnam', async () => {
    const xml = await documentXml(
      await buildReviewReport({ ...input, exportedAt: new Date('2023-04-13T18:30:00Z') }),
    );
    expect(xml).toContain('ngày 14 tháng 4 năm 2023');
  });
});
