import { Route, Routes } from 'react-router';
import { NotFound } from '../not-found';
import { CasePage } from './case-page';
import { ChecklistPage } from './checklist-page';

/** /inspector: the checklist, and /inspector/cases/:id one case. */
export function InspectorPage() {
  return (
    <Routes>
      <Route index element={<ChecklistPage />} />
      <Route path="cases/:id" element={<CasePage />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
