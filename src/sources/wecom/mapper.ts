/**
 * WeCom → Daka. Vendor field names stop here (DESIGN.md house rule 3).
 */
export { mapWeComCheckin, mapWeComCheckins, type WeComMapContext, type WeComPunchMapResult, type WeComSkipReason } from './mapper-punch.js';
export { mapWeComUser, mapWeComDepartment, type WeComDirectoryOptions } from './mapper-directory.js';
export { mapWeComApproval, weComApprovalStatus, type WeComApprovalContext } from './mapper-approval.js';
export { mapWeComEvent } from './mapper-event.js';
export { mapWeComDayResults } from './mapper-day.js';
export { mapWeComVacationTypes, mapWeComVacationQuotas } from './mapper-vacation.js';
