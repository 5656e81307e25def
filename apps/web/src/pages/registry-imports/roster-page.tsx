import { MatchUploadPanel } from '../department/match-upload-panel';

/** The office's insured roster (参保库): imports of the insurance system's insured people and employers, and how many entries each closed. */
export function RosterPage() {
  return <MatchUploadPanel route="roster-imports" title="参保库导入" testId="roster-imports" />;
}
