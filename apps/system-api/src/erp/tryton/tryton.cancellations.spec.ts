import 'reflect-metadata';
import { TrytonDateTime, TrytonValue } from './tryton.codec';
import { mapCancelledSale, TrytonErpAdapter } from './tryton.erp-adapter';
import { TrytonRpcClient } from './tryton.rpc-client';

/** The cancellation feed on Tryton, against a fake JSON-RPC port: what it asks for, and how rows map. */
describe('Tryton cancellation feed', () => {
  it('searches cancelled sales with a reference, written at or after the watermark, oldest first', async () => {
    const calls: unknown[][] = [];
    const rpc = {
      searchRead: (...args: unknown[]) => {
        calls.push(args);
        return Promise.resolve([
          {
            id: 7,
            number: 'SO0007',
            reference: 'shopify:shop.myshopify.com:1',
            write_date: new TrytonDateTime('2026-12-01T10:00:00.000Z'),
          },
          // Not Weft's (no reference) or unreadable: skipped, not thrown.
          { id: 8, number: 'SO0008', reference: '', write_date: new TrytonDateTime('2026-12-01T10:00:01.000Z') },
        ]);
      },
    } as unknown as TrytonRpcClient;
    const adapter = new TrytonErpAdapter(rpc);

    const out = await adapter.listCancelledSalesOrders('2026-12-01T09:00:00.000Z', 50);

    expect(out).toEqual([
      { salesOrderId: '7', number: 'SO0007', externalReference: 'shopify:shop.myshopify.com:1', cancelledAt: '2026-12-01T10:00:00.000Z' },
    ]);
    const [model, domain, fields, opts] = calls[0] as [string, TrytonValue[][], string[], Record<string, unknown>];
    expect(model).toBe('sale.sale');
    expect(domain[0]).toEqual(['state', '=', 'cancelled']);
    expect(domain[1][0]).toBe('write_date');
    expect(domain[1][1]).toBe('>=');
    expect(JSON.parse(JSON.stringify(domain[1][2]))).toMatchObject({ __class__: 'datetime', year: 2026, month: 12, day: 1, hour: 9 });
    expect(fields).toEqual(['number', 'reference', 'write_date']);
    expect(opts).toEqual({
      limit: 50,
      order: [
        ['write_date', 'ASC'],
        ['id', 'ASC'],
      ],
    });
  });

  it('maps a row only when it has a reference and a write date', () => {
    expect(mapCancelledSale({ id: 3, reference: 'pos:S1:9', write_date: null })).toBeNull();
    expect(
      mapCancelledSale({ id: 3, number: '', reference: 'pos:S1:9', write_date: new TrytonDateTime('2026-01-02T03:04:05.000Z') }),
    ).toEqual({
      salesOrderId: '3',
      number: undefined,
      externalReference: 'pos:S1:9',
      cancelledAt: '2026-01-02T03:04:05.000Z',
    });
  });
});
