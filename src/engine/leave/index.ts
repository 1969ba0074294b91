/** Leave balances: pure rules for statutory annual leave, pricing, accrual, carry-over and the ledger. */
export * from './statutory-annual.js';
export * from './pricing.js';
export * from './ledger.js';
export * from './accrual.js';
