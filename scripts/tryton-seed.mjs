#!/usr/bin/env node
// Seeds a freshly activated Tryton 6.0 database over its JSON-RPC API with what Weft's order-to-cash,
// return and stock flows need: USD, a company with an employee, fiscal years with sequences and
// periods, the minimal chart of accounts, a 10 % sales tax, a Cash payment method, a payment term,
// a customer, and the demo catalogue (config/demo-catalog.json) with its opening stock.
// It goes through the running server (not the database file), so it sees what the adapter will see.
//   node scripts/tryton-seed.mjs --url http://127.0.0.1:8000 --database erp --password-file F
//        [--catalog config/demo-catalog.json] [--output seed-output.json]
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values: opt } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:8000' },
    database: { type: 'string', default: 'erp' },
    user: { type: 'string', default: 'admin' },
    'password-file': { type: 'string' },
    catalog: { type: 'string' },
    output: { type: 'string' },
  },
});
const password = readFileSync(opt['password-file'], 'utf8').trim();
const dec = (v) => ({ __class__: 'Decimal', decimal: String(v) });
const day = (y, m, d) => ({ __class__: 'date', year: y, month: m, day: d });

let rpcId = 0;
let auth = null;
async function rpc(method, params) {
  const headers = { 'content-type': 'application/json' };
  if (auth) headers.authorization = `Session ${auth}`;
  const res = await fetch(`${opt.url}/${opt.database}/`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ id: ++rpcId, method, params }),
    signal: AbortSignal.timeout(120_000),
  });
  if (res.status !== 200) throw new Error(`${method}: HTTP ${res.status}`);
  const body = await res.json();
  if (body.error) throw new Error(`${method}: ${JSON.stringify(body.error).slice(0, 800)}`);
  return body.result;
}

const [uid, key] = await rpc('common.db.login', [opt.user, { password }, 'en']);
auth = Buffer.from(`${opt.user}:${uid}:${key}`).toString('base64');
let ctx = await rpc('model.res.user.get_preferences', [true, {}]);
const refreshContext = async () => (ctx = await rpc('model.res.user.get_preferences', [true, {}]));

const call = (model, method, ...args) => rpc(`model.${model}.${method}`, [...args, ctx]);
const create = async (model, values) => (await call(model, 'create', [values]))[0];
const one = async (model, domain, what = model) => {
  const ids = await call(model, 'search', domain, 0, 2, null);
  if (ids.length !== 1) throw new Error(`expected one ${what}, found ${ids.length}`);
  return ids[0];
};

/** Runs a wizard through the given states, sending each state's form values (defaults + ours). */
async function wizard(name, steps, extraCtx = {}) {
  const wctx = { ...ctx, ...extraCtx };
  const [session, start] = await rpc(`wizard.${name}.create`, [wctx]);
  const data = {};
  let state = start;
  try {
    for (const step of steps) {
      const view = await rpc(`wizard.${name}.execute`, [session, data, state, wctx]);
      const defaults = Object.fromEntries(Object.entries(view?.view?.defaults ?? {}).filter(([k]) => !k.endsWith('.')));
      const values = typeof step.values === 'function' ? await step.values() : (step.values ?? {});
      // A transition answers with the view of the state it led to: the form belongs to that state.
      data[view?.view?.state ?? state] = { ...defaults, ...values };
      state = step.button;
    }
    await rpc(`wizard.${name}.execute`, [session, data, state, wctx]);
  } finally {
    await rpc(`wizard.${name}.delete`, [session, wctx]).catch(() => null);
  }
}

if ((await call('company.company', 'search', [], 0, 1, null)).length) throw new Error('already seeded: a company exists');

// Currency and country: Tryton 6.0 ships no currency or country records.
const usd = await create('currency.currency', { name: 'U.S. Dollar', code: 'USD', symbol: '$', rounding: dec('0.01') });
await create('currency.currency.rate', { currency: usd, date: day(2000, 1, 1), rate: dec('1') });
const us = await create('country.country', { name: 'United States', code: 'US', code3: 'USA', code_numeric: '840' });
const address = (street, city, postal_code) => ({ addresses: [['create', [{ street, city, postal_code, country: us }]]] });

// Company, and the admin user working in it (what the company.company.config wizard would do).
const companyParty = await create('party.party', { name: 'Weft Demo Retail Inc.', ...address('1 Loom Street', 'Springfield', '12345') });
const company = await create('company.company', { party: companyParty, currency: usd });
await call('res.user', 'write', [uid], { companies: [['add', [company]]], company });
await refreshContext();
const employee = await create('company.employee', { party: await create('party.party', { name: 'Weft Integration' }), company });
await call('res.user', 'write', [uid], { employees: [['add', [employee]]], employee });
await refreshContext();

// Fiscal years (this one and the next, so CI near 31 December still posts), each with its own
// move and invoice sequences and monthly periods.
const moveType = await one('ir.sequence.type', [['name', '=', 'Account Move']], 'Account Move sequence type');
const invoiceType = await one('ir.sequence.type', [['name', '=', 'Invoice']], 'Invoice sequence type');
const thisYear = new Date().getUTCFullYear();
const fiscalYears = [];
for (const year of [thisYear, thisYear + 1]) {
  const moves = await create('ir.sequence', { name: `Moves ${year}`, sequence_type: moveType, company });
  const invoices = await create('ir.sequence.strict', { name: `Invoices ${year}`, sequence_type: invoiceType, company });
  const fy = await create('account.fiscalyear', {
    name: String(year),
    company,
    start_date: day(year, 1, 1),
    end_date: day(year, 12, 31),
    post_move_sequence: moves,
    invoice_sequences: [
      [
        'create',
        [
          {
            company,
            out_invoice_sequence: invoices,
            in_invoice_sequence: invoices,
            out_credit_note_sequence: invoices,
            in_credit_note_sequence: invoices,
          },
        ],
      ],
    ],
  });
  await call('account.fiscalyear', 'create_period', [fy]);
  fiscalYears.push(fy);
}

// Chart of accounts from the account module's own "Minimal Account Chart" template.
const [template] = await call(
  'ir.model.data',
  'search_read',
  [
    ['module', '=', 'account'],
    ['fs_id', '=', 'account_template_root_en'],
  ],
  0,
  1,
  null,
  ['db_id'],
);
const account = async (domain, what) => {
  const [id] = await call('account.account', 'search', [...domain, ['company', '=', company]], 0, 1, [['id', 'ASC']]);
  if (id === undefined) throw new Error(`no ${what} in the chart`);
  return id;
};
await wizard('account.create_chart', [
  { button: 'account' },
  { values: { company, account_template: template.db_id }, button: 'create_account' },
  // Default receivable/payable for every party: these accounts exist only once create_account ran.
  {
    values: async () => ({
      company,
      account_receivable: await account([['type.receivable', '=', true]], 'receivable account'),
      account_payable: await account([['type.payable', '=', true]], 'payable account'),
    }),
    button: 'create_properties',
  },
]);
const accounts = {
  receivable: await account([['type.receivable', '=', true]], 'receivable account'),
  payable: await account([['type.payable', '=', true]], 'payable account'),
  revenue: await account([['type.revenue', '=', true]], 'revenue account'),
  expense: await account([['type.expense', '=', true]], 'expense account'),
  tax: await account([['name', '=', 'Main Tax']], 'tax account'),
  cash: await account([['name', '=', 'Main Cash']], 'cash account'),
};

const tax = await create('account.tax', {
  name: 'Sales Tax 10%',
  description: 'Sales Tax 10%',
  type: 'percentage',
  rate: dec('0.10'),
  company,
  invoice_account: accounts.tax,
  credit_note_account: accounts.tax,
});
const cashJournal = await one('account.journal', [['type', '=', 'cash']], 'cash journal');
const paymentMethod = await create('account.invoice.payment.method', {
  name: 'Cash',
  company,
  journal: cashJournal,
  debit_account: accounts.cash,
  credit_account: accounts.cash,
});
const paymentTerm = await create('account.invoice.payment_term', { name: 'Due on invoice', lines: [['create', [{ type: 'remainder' }]]] });

// Catalogue: one goods product per entry, code = SKU, in an accounting category that carries the tax.
const category = await create('product.category', {
  name: 'Goods',
  accounting: true,
  account_revenue: accounts.revenue,
  account_expense: accounts.expense,
  customer_taxes: [['add', [tax]]],
});
const unit = await one('product.uom', [['name', '=', 'Unit']], 'Unit UoM');
const catalog = opt.catalog
  ? JSON.parse(readFileSync(opt.catalog, 'utf8'))
  : [{ sku: 'WIDGET', name: 'Widget', listPrice: '10.00', costPrice: '4.00', quantity: 100 }];
const products = {};
for (const item of catalog) {
  const tmpl = await create('product.template', {
    name: item.name,
    code: item.sku,
    type: 'goods',
    default_uom: unit,
    sale_uom: unit,
    salable: true,
    list_price: dec(item.listPrice),
    account_category: category,
    products: [['create', [{ cost_price: dec(item.costPrice ?? item.listPrice) }]]],
  });
  const [variant] = await call('product.product', 'search', [['template', '=', tmpl]], 0, 1, null);
  products[item.sku] = { template: tmpl, product: variant, quantity: item.quantity ?? 0 };
}

const customer = await create('party.party', {
  name: 'Acme Corp',
  customer_payment_term: paymentTerm,
  contact_mechanisms: [['create', [{ type: 'email', value: 'buyer@acme.example' }]]],
  ...address('42 Customer Road', 'Metropolis', '54321'),
});

// Opening stock: one inventory of the warehouse's storage zone, confirmed.
const warehouse = await one('stock.location', [['type', '=', 'warehouse']], 'warehouse');
const storage = await one('stock.location', [['code', '=', 'STO']], 'storage location');
const stocked = Object.values(products).filter((p) => p.quantity > 0);
const inventory = await create('stock.inventory', {
  location: storage,
  lines: [['create', stocked.map((p) => ({ product: p.product, quantity: p.quantity }))]],
});
await call('stock.inventory', 'confirm', [inventory]);
const [{ state: inventoryState }] = await call('stock.inventory', 'read', [inventory], ['state']);
if (inventoryState !== 'done') throw new Error(`opening inventory is ${inventoryState}, not done`);

const out = {
  company,
  employee,
  currency: usd,
  fiscalYears,
  accounts,
  tax,
  paymentMethod,
  paymentTerm,
  category,
  unit,
  products,
  customer,
  warehouse,
  storage,
  inventory,
};
if (opt.output) writeFileSync(opt.output, JSON.stringify(out, null, 2));
await rpc('common.db.logout', []).catch(() => null);
console.log(`seeded ${opt.database}: company ${company}, ${catalog.length} products, ${stocked.length} in stock`);
