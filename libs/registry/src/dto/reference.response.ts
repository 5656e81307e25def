import { ApiProperty } from '@nestjs/swagger';

/** A code and the Chinese words the console shows for it. */
export class RegistryLabelDto {
  @ApiProperty({ example: 'refused' }) value: string;
  @ApiProperty({ example: '拒绝参保' }) label: string;
}

/** A column a registry file may carry: English key, Chinese header, required. */
export class RegistryColumnDto {
  @ApiProperty({ example: 'idNumber' }) key: string;
  @ApiProperty({ example: '身份证号码' }) zh: string;
  @ApiProperty() required: boolean;
}

export class RegistryColumnsDto {
  @ApiProperty({ type: [RegistryColumnDto] }) person: RegistryColumnDto[];
  @ApiProperty({ type: [RegistryColumnDto] }) employer: RegistryColumnDto[];
}

/** The registry's codes with their Chinese labels, and the import columns: one source for the API, exports and the console. */
export class RegistryReferenceDto {
  @ApiProperty({ type: [RegistryLabelDto], description: 'entry statuses (待走访, then the visit outcomes)' }) entryStatuses: RegistryLabelDto[];
  @ApiProperty({ type: [RegistryLabelDto], description: 'visit outcomes of a person' }) personOutcomes: RegistryLabelDto[];
  @ApiProperty({ type: [RegistryLabelDto], description: 'visit outcomes of an employer' }) employerOutcomes: RegistryLabelDto[];
  @ApiProperty({ type: [RegistryLabelDto] }) visitMethods: RegistryLabelDto[];
  @ApiProperty({ type: [RegistryLabelDto], description: "seed 001's priority groups" }) sourceGroups: RegistryLabelDto[];
  @ApiProperty({ type: [RegistryLabelDto], description: 'the recommended pension scheme (seed 001 age rule)' }) recommendations: RegistryLabelDto[];
  @ApiProperty({ type: [RegistryLabelDto] }) employerFlags: RegistryLabelDto[];
  @ApiProperty({ type: RegistryColumnsDto, description: 'the columns of an import file, in template order' }) columns: RegistryColumnsDto;
}
