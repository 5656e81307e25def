// The checks an inspector's outcome must pass, and the fields of the case event it writes.
import { addDays, DomainError } from '#core';
import type { CaseOutcome } from '../dto/inspection-case.dto';

/** What an outcome form carries (CaseOutcomeDto). */
export interface OutcomeInput {
  kind: CaseOutcome;
  findings?: string;
  deadline?: string;
  enrolledCount?: number;
  amount?: number;
  reason?: string;
}

/** The event fields an outcome records; the ones its kind does not carry are null. */
export interface OutcomeEvent {
  findings: string | null;
  deadline: string | null;
  enrolled_count: number | null;
  amount: number | null;
  reason: string | null;
}

/**
 * The event of an outcome recorded on `today`, or a 400 naming the missing or wrong field: a visit says what
 * was found; a rectification order's deadline (default `rectificationDays` after today, counted by `addPeriod`:
 * natural or working days) is after today;
 * rectified gives the number enrolled, penalised the amount, closed the reason.
 */
export function outcomeEvent(
  dto: OutcomeInput,
  today: string,
  rectificationDays: number,
  addPeriod: (date: string, days: number) => string = addDays,
): OutcomeEvent {
  const event: OutcomeEvent = { findings: null, deadline: null, enrolled_count: null, amount: null, reason: null };
  switch (dto.kind) {
    case 'visited':
      if (!dto.findings) throw DomainError.validation('findings', '请填写现场检查发现的情况（say what was found on the visit）');
      event.findings = dto.findings;
      break;
    case 'rectification_ordered': {
      const deadline = dto.deadline ?? addPeriod(today, rectificationDays);
      if (deadline <= today)
        throw DomainError.validation('deadline', `限期改正的期限须晚于今天（${today}）（the rectification deadline must be after today (${today})）`);
      event.deadline = deadline;
      event.findings = dto.findings ?? null;
      break;
    }
    case 'rectified':
      if (dto.enrolledCount === undefined) throw DomainError.validation('enrolledCount', '请填写已参保的职工人数（give the number of employees enrolled）');
      event.enrolled_count = dto.enrolledCount;
      event.findings = dto.findings ?? null;
      break;
    case 'referred_to_tax':
      event.findings = dto.findings ?? null;
      break;
    case 'penalised':
      if (dto.amount === undefined) throw DomainError.validation('amount', '请填写罚款金额（元）（give the penalty amount in yuan）');
      event.amount = dto.amount;
      event.findings = dto.findings ?? null;
      break;
    case 'closed':
      if (!dto.reason) throw DomainError.validation('reason', '请填写结案原因（say why the case is closed）');
      event.reason = dto.reason;
      break;
  }
  return event;
}
