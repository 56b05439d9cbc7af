import { PartialType } from '@nestjs/swagger';

import { CreateAlertRuleDto } from './create-alert-rule.dto.js';

/** Any subset of a rule's fields; the merged rule is checked as a whole. */
export class UpdateAlertRuleDto extends PartialType(CreateAlertRuleDto) {}
