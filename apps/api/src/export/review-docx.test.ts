import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSummary } from '../routes/load-summary';
import { buildTestApp } from '../test/helpers';
import { buildReviewReport, type ReviewReportInput } from './review-docx';
import { reviewHeadline } from './review-headline';

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

describe('the headline against the plan the group assigned', () => {
  /** Saves the institute's 2023 plan with the group's plan beside it; the summary as of Q1. */
  const withAssigned = async (assignedPlan: number | null) => {
    const plan = (await ctx.repository.getYearEntries(2023)).plans.find((p) => p.unitId === 1);
    if (!plan) throw new Error('the demo institute has no 2023 plan');
    await ctx.repository.savePlan({
      unitId: 1,
      year: 2023,
      annualPlan: plan.annualPlan,
      assignedPlan,
      quarterTargets: plan.quarterTargets,
      actor: 'director',
      expectedVersion: plan.version,
    });
    return loadSummary(ctx.repository, 2023, 1);
  };

  it('adds the share of the group’s plan to the revenue sentence of the Word report', async () => {
    const summary = await withAssigned(200_000_000_000);
    const xml = await documentXml(await buildReviewReport({ ...input, summary }));
    expect(xml).toContain(
      'Doanh thu toàn Viện Quý I/2023 đạt 13 tỷ đồng, bằng 7,2% kế hoạch năm (180 tỷ đồng), bằng 6,5% kế hoạch Tập đoàn giao (200 tỷ đồng).',
    );
    expect(reviewHeadline(summary, 1, 'en').headline).toBe(
      'The institute’s revenue in Q1 2023 was VND 13 bn, 7.2% of the annual plan (VND 180 bn), and 6.5% of the plan the group assigned (VND 200 bn).',
    );
  });

  it('says nothing more where the group’s plan is the institute’s own or not set', async () => {
    for (const assigned of [180_000_000_000, null]) {
      const summary = await withAssigned(assigned);
      const { headline } = reviewHeadline(summary, 1, 'vi');
      expect(headline).toContain('bằng 7,2% kế hoạch năm');
      expect(headline).not.toContain('Tập đoàn giao');
    }
  });
});
