export { orderWorkflow } from './order/order';
