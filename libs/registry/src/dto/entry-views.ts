import { maskIdNumber, maskPhone } from '#core';
import { EmployerRow, PersonRow } from '../repositories/entry.repository';
import { RegistryEmployerDto, RegistryPersonDetailDto, RegistryPersonDto } from './entry.response';

/** A person as the API shows them; ID number and phone masked in lists (`masked`), in full in the audited detail read. */
export function personView(r: PersonRow, masked: boolean): RegistryPersonDto {
  return {
    id: r.id,
    campaignId: r.campaign_id,
    orgUnitId: r.org_unit_id,
    unitName: r.unit_name,
    idNumber: masked ? maskIdNumber(r.id_number)! : r.id_number,
    name: r.name,
    sex: r.sex,
    age: r.age,
    recommendation: r.recommendation,
    phone: masked ? maskPhone(r.phone) : r.phone,
    address: r.address,
    sourceGroup: r.source_group!,
    currentScheme: r.current_scheme,
    insuranceStatus: r.insurance_status,
    employerId: r.employer_id,
    status: r.status,
    cadreId: r.cadre_id,
    visitCount: r.visit_count,
    lastVisitAt: r.last_visit_at,
    lastOutcome: r.last_outcome,
  };
}

/** A person's full record, unmasked (the audited detail read). */
export function personDetailView(r: PersonRow): Omit<RegistryPersonDetailDto, 'sources'> {
  return { ...personView(r, false), birthDate: r.birth_date!, employerUscc: r.employer_uscc ?? null, assignedAt: r.assigned_at ?? null };
}

/** An employer as the API shows it (the row has every column: only these go out). */
export function employerView(r: EmployerRow): RegistryEmployerDto {
  return {
    id: r.id,
    campaignId: r.campaign_id,
    orgUnitId: r.org_unit_id,
    unitName: r.unit_name,
    uscc: r.uscc,
    name: r.name,
    legalRepresentative: r.legal_representative,
    address: r.address,
    industry: r.industry,
    staffCount: r.staff_count,
    insuredCount: r.insured_count,
    uninsuredCount: r.uninsured_count,
    flags: r.flags,
    status: r.status,
    cadreId: r.cadre_id,
    visitCount: r.visit_count,
    refusalCount: r.refusal_count,
    onsiteVisitCount: r.onsite_visit_count,
    lastVisitAt: r.last_visit_at,
    lastOutcome: r.last_outcome,
  } as RegistryEmployerDto;
}
