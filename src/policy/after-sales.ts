import { z } from 'zod';

// 003 §5: after-sales service. The first response is due in the policy's clock hours
// (deadlines.afterSalesFirstResponseHours, as a customer counts them); the other steps in
// working days. Who does each step.

const workingDays = z.number().int().min(0).max(60);

export const afterSalesPolicy = z
  .strictObject({
    /** Classifies, dispatches, answers first and resolves (remote or on site). */
    serviceDepartment: z.string().default('after_sales'),
    /** Records the customer's evaluation and runs the satisfaction survey. */
    customerDepartment: z.string().default('customer_service'),
    /** Gets a replenishment task when a part falls below its reorder level (003 §5.2.3). */
    replenishmentDepartment: z.string().default('procurement'),
    resolutionWorkingDays: workingDays.default(3),
    evaluationWorkingDays: workingDays.default(2),
    surveyWorkingDays: workingDays.default(3),
    replenishmentWorkingDays: workingDays.default(3),
  })
  .prefault({});

export type AfterSalesPolicy = z.output<typeof afterSalesPolicy>;

export function afterSalesDepartments(p: AfterSalesPolicy): [PropertyKey[], string[]][] {
  return [
    [['afterSales', 'serviceDepartment'], [p.serviceDepartment]],
    [['afterSales', 'customerDepartment'], [p.customerDepartment]],
    [['afterSales', 'replenishmentDepartment'], [p.replenishmentDepartment]],
  ];
}
