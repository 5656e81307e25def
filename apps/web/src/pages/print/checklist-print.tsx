import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useMe } from '../../auth/auth-hooks';
import { businessToday, formatDate } from '../../lib/format';
import type { ChecklistPage } from '../inspector/inspector-hooks';
import { PrintSheet } from './print-sheet';
import { chineseDate } from './print-format';
import { readPages } from './read-pages';
import { useRegistryLabels, useRegistryReference } from '../registry/registry-hooks';

/** The most cases one printout holds; a longer list is cut there and says so. */
export const CHECKLIST_PRINT_CAP = 2000;

/** Every open case of the caller's checklist, page after page, with how many are read so far. */
function useWholeChecklist() {
  const [progress, setProgress] = useState<{ read: number; wanted: number } | null>(null);
  const q = useQuery({
    queryKey: ['inspection-checklist', 'print', CHECKLIST_PRINT_CAP],
    queryFn: () =>
      readPages(
        (page, pageSize) => unwrap<ChecklistPage>(api.GET('/api/inspection-checklist', { params: { query: { page, pageSize } } })),
        CHECKLIST_PRINT_CAP,
        (read, wanted) => setProgress({ read, wanted }),
      ),
  });
  return { ...q, progress };
}

/** The inspector's checklist for the day on A4: one row per open case, with room to write what was found. */
export function ChecklistPrint() {
  const labels = useRegistryLabels();
  const reference = useRegistryReference();
  const me = useMe().data!;
  const q = useWholeChecklist();
  const today = businessToday();
  const items = q.data?.items ?? [];
  const cut = q.data?.cut ?? false;
  const total = cut ? q.data!.total : items.length;
  const loadingText = q.progress && q.progress.wanted > 0 ? `正在读取检查清单：${q.progress.read} / ${q.progress.wanted} 件` : '正在读取检查清单…';
  return (
    <PrintSheet loading={q.isLoading || reference.isLoading} loadingText={loadingText} error={q.error ?? reference.error} back="/inspector">
      <article data-testid="checklist-print">
        <h1>劳动保障检查清单</h1>
        <p className="doc-number">
          检查人员：{me.displayName}
          {'\u3000'}日期：{chineseDate(today)}
          {'\u3000'}共 {total} 件
        </p>
        {cut ? (
          <p className="print-cut" data-testid="checklist-print-cut">
            清单共 {total} 件，超过一次打印的上限 {CHECKLIST_PRINT_CAP} 件：本清单只列出期限最早的前 {CHECKLIST_PRINT_CAP} 件（第 1—{CHECKLIST_PRINT_CAP}{' '}
            件），其余 {total - CHECKLIST_PRINT_CAP} 件未打印。请先办结本清单上的案件后再次打印，或请办公室将部分案件改派其他检查人员。
          </p>
        ) : null}
        <table className="print-table">
          <thead>
            <tr>
              <th>序号</th>
              <th>用人单位</th>
              <th>地址</th>
              <th>未参保</th>
              <th>期限</th>
              <th>走访记录</th>
              <th className="blank">检查情况</th>
            </tr>
          </thead>
          <tbody>
            {items.map((c, i) => (
              <tr key={c.id}>
                <td>{i + 1}</td>
                <td>
                  {c.employerName}
                  <br />
                  {c.uscc}
                  {c.legalRepresentative ? (
                    <>
                      <br />
                      法定代表人 {c.legalRepresentative}
                    </>
                  ) : null}
                </td>
                <td>
                  {c.address ?? '未登记'}
                  <br />
                  {[c.districtName, c.townName].filter(Boolean).join(' ')}
                </td>
                <td>{c.uninsuredCount} 人</td>
                <td>
                  {chineseDate(c.dueDate)}
                  {c.rectificationDeadline ? '（改正期限）' : ''}
                </td>
                <td>
                  {c.visits.slice(0, 3).map((v) => (
                    <div key={String(v.visitedAt)}>
                      {chineseDate(formatDate(v.visitedAt))} {labels.method.label(v.method)} {labels.status.label(v.outcome)}
                    </div>
                  ))}
                  {c.visits.length > 3 ? `共 ${c.visits.length} 次` : c.visits.length ? null : '无'}
                </td>
                <td />
              </tr>
            ))}
          </tbody>
        </table>
      </article>
    </PrintSheet>
  );
}
