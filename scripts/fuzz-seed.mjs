// Seeds scripts/schemathesis.sh: one order in review, whose number and task ids the
// fuzzer then uses for about half of its path parameters (the other half it invents).
//   node scripts/fuzz-seed.mjs <base-url> <token>   → prints schemathesis TOML
const [base, token] = process.argv.slice(2);
const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
const due = new Date(Date.now() + 120 * 24 * 3600 * 1000).toISOString().slice(0, 10);
const order = {
  customer: { id: 'FUZZ-1', name: 'Fuzz Customer' },
  items: [{ sku: 'FZ-1', description: 'Valve', spec: 'DN50', quantity: 10, unit: 'pcs', unitPrice: 100 }],
  currency: 'CNY',
  requestedDeliveryDate: due,
  deliveryAddress: 'No. 1 Fuzz Road',
  paymentTerms: 'net 30',
  kind: 'routine',
};
const created = await fetch(`${base}/orders`, { method: 'POST', headers, body: JSON.stringify(order) });
if (created.status !== 201) throw new Error(`seeding order failed: HTTP ${created.status} ${await created.text()}`);
const { orderNo } = await created.json();
let tasks = [];
for (let i = 0; i < 100 && tasks.length < 5; i++) {
  await new Promise((r) => setTimeout(r, 200));
  tasks = (await (await fetch(`${base}/tasks?orderNo=${orderNo}`, { headers })).json()).items ?? [];
}
if (tasks.length === 0) throw new Error(`no tasks appeared on ${orderNo}`);
const list = (values) => `[${values.map((v) => JSON.stringify(v)).join(', ')}]`;
console.log(`[dictionaries.orders]
values = ${list([orderNo])}

[dictionaries.tasks]
values = ${list(tasks.map((t) => t.id))}

[parameters]
"path.orderNo" = { dictionary = "orders", probability = 0.5 }
"query.orderNo" = { dictionary = "orders", probability = 0.5 }
"path.id" = { dictionary = "tasks", probability = 0.5 }`);
