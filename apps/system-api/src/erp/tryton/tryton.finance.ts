import { ErpError, ErpErrorCode } from '../erp.errors';
import { ErpTaxInput } from '../erp.port';
import { TrytonDecimal, TrytonRecord } from './tryton.codec';
import { KeyLock } from './tryton.locks';
import { asIds, optInt, related } from './tryton.records';
import { TrytonRpcClient } from './tryton.rpc-client';

/** Shipping is posted as a line of this service product, created on first use. */
export const SHIPPING_CODE = 'weft:shipping';

/**
 * Splits a net line amount into sale lines whose quantity × unit price is exact in minor units: one
 * line when the amount divides evenly, else (quantity − 1) units at the floor price and one unit at the
 * remainder. A 4-decimal unit price would otherwise round the line total for large quantities.
 */
export function exactPieces(netMinor: number, quantity: number): { quantity: number; unitMinor: number }[] {
  if (netMinor % quantity === 0) return [{ quantity, unitMinor: netMinor / quantity }];
  const unit = Math.floor(netMinor / quantity);
  const pieces = [{ quantity: 1, unitMinor: netMinor - unit * (quantity - 1) }];
  if (quantity > 1) pieces.unshift({ quantity: quantity - 1, unitMinor: unit });
  return pieces;
}

/**
 * Channel taxes as Tryton account.tax records, one per ERP tax code (kept in the tax's name), created
 * with the channel's rate and the accounts of the tax the chart already has. Never the product's own
 * default taxes: the channel's tax is what the customer paid.
 */
export class TrytonTaxes {
  private readonly byCode = new Map<string, number>();
  private shippingProduct: number | null = null;

  constructor(
    private readonly rpc: TrytonRpcClient,
    private readonly locks: KeyLock,
  ) {}

  async idsFor(taxes: ErpTaxInput[] | undefined): Promise<number[]> {
    const ids: number[] = [];
    for (const t of taxes ?? []) if (t.amountMinor !== 0) ids.push(await this.idFor(t));
    return [...new Set(ids)];
  }

  private async idFor(t: ErpTaxInput): Promise<number> {
    const known = this.byCode.get(t.code);
    if (known !== undefined) return known;
    return this.locks.withLock(`tax:${t.code}`, async () => {
      const [found] = await this.rpc.search('account.tax', [['name', '=', t.code]], { limit: 1, order: [['id', 'ASC']] });
      if (found !== undefined) {
        this.byCode.set(t.code, found);
        return found;
      }
      if (t.rate === null) {
        throw new ErpError(ErpErrorCode.VALIDATION, `Tax code ${t.code} is not in Tryton and the channel gave no rate to create it with`);
      }
      const [template] = await this.rpc.searchRead(
        'account.tax',
        [['type', '=', 'percentage']],
        ['invoice_account', 'credit_note_account'],
        {
          limit: 1,
          order: [['id', 'ASC']],
        },
      );
      if (!template) throw new ErpError(ErpErrorCode.VALIDATION, 'Tryton has no percentage tax to take tax accounts from');
      const [id] = await this.rpc.create('account.tax', [
        {
          name: t.code,
          description: `${t.title} ${t.rate}`.slice(0, 200),
          type: 'percentage',
          rate: new TrytonDecimal(t.rate),
          invoice_account: template.invoice_account,
          credit_note_account: template.credit_note_account,
        },
      ]);
      this.byCode.set(t.code, id);
      return id;
    });
  }

  /** The shipping service product (no stock moves), in the account category of a product already sold. */
  async shippingProductId(category: TrytonRecord | null, uom: number): Promise<number> {
    if (this.shippingProduct !== null) return this.shippingProduct;
    return this.locks.withLock(`product:${SHIPPING_CODE}`, async () => {
      const [found] = await this.rpc.search('product.product', [['code', '=', SHIPPING_CODE]], { limit: 1 });
      let id = found;
      if (id === undefined) {
        const categoryId = category ? optInt(category, 'id') : null;
        if (!categoryId) throw new ErpError(ErpErrorCode.VALIDATION, 'No account category to create the shipping product in');
        const [template] = await this.rpc.create('product.template', [
          {
            name: 'Shipping',
            type: 'service',
            salable: true,
            default_uom: uom,
            sale_uom: uom,
            list_price: new TrytonDecimal('0'),
            account_category: categoryId,
            // Tryton 6.0 computes product.code from the template's code (as the seed sets SKUs).
            code: SHIPPING_CODE,
            products: [['create', [{}]]],
          },
        ]);
        const [tpl] = await this.rpc.read('product.template', [template], ['products']);
        id = asIds(tpl.products)[0];
      }
      this.shippingProduct = id;
      return id;
    });
  }
}

export function categoryOf(product: TrytonRecord): TrytonRecord | null {
  return related(product, 'account_category');
}
