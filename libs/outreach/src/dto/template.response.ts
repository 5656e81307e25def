import { ApiProperty } from '@nestjs/swagger';
import { TEMPLATE_VARIABLES } from '../rules/template-rules';

/** A message template of a kind at a unit. */
export class NoticeTemplateDto {
  @ApiProperty({ type: 'integer', example: 3 }) id: number;
  @ApiProperty({ example: 'reminder.lapsed' }) kind: string;
  @ApiProperty({ example: '断缴提醒' }) name: string;
  @ApiProperty({ example: '{{name}}您好：请于{{deadline}}前续缴养老保险，缴费标准{{amount}}元。咨询电话{{officePhone}}。' }) body: string;
  @ApiProperty({ enum: TEMPLATE_VARIABLES, isArray: true, description: 'the variables the body uses, in first-use order' }) variables: string[];
  @ApiProperty({ type: 'integer', nullable: true, description: 'the unit the template belongs to (the root for installation-wide templates)', example: 1 })
  orgUnitId: number | null;
  @ApiProperty({ type: String, nullable: true, example: '云帆市' }) orgUnitName: string | null;
  @ApiProperty({ description: "whether the caller may change it: its own unit's or below; an ancestor's is only inherited" }) editable: boolean;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
}

export class TemplateVariableValueDto {
  @ApiProperty({ enum: TEMPLATE_VARIABLES }) name: string;
  @ApiProperty({ example: '姓名' }) label: string;
  @ApiProperty({ description: 'the value given, else a sample', example: '张三' }) value: string;
}

/** The message a template body makes. */
export class TemplatePreviewDto {
  @ApiProperty({ example: '张三您好：请于2026年3月31日前续缴养老保险，缴费标准3600元。咨询电话0571-88886666。' }) text: string;
  @ApiProperty({ type: 'integer', description: 'characters of the text', example: 48 }) length: number;
  @ApiProperty({ type: [TemplateVariableValueDto] }) variables: TemplateVariableValueDto[];
}

/** The message the template of a kind makes. */
export class TemplateKindPreviewDto extends TemplatePreviewDto {
  @ApiProperty({ example: 'reminder.lapsed' }) kind: string;
}
