import { shopifyOrderRef } from './shopify-order-ref';

describe('shopifyOrderRef', () => {
  it('reads the order id from a one-shop key', () => {
    expect(shopifyOrderRef('shopify:820982911946154508')).toEqual({ orderId: '820982911946154508' });
  });
  it('reads shop and order id from a per-shop key', () => {
    expect(shopifyOrderRef('shopify:weft-eu.myshopify.com:5001')).toEqual({ shop: 'weft-eu.myshopify.com', orderId: '5001' });
  });
  it('is undefined for other channels and malformed keys', () => {
    expect(shopifyOrderRef('partner:PO-77')).toBeUndefined();
    expect(shopifyOrderRef('shopify:not-a-number')).toBeUndefined();
  });
});
