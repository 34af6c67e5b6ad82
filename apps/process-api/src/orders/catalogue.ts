import { Inject, Injectable } from '@nestjs/common';
import { Column, Entity, In, PrimaryColumn } from 'typeorm';
import { isDomainError } from '@weft/problem';
import { UnitOfWork } from '@weft/persistence';
import { failureKindOf, FailureKind } from '../workflow/failure-policy';
import { ProductView, SYSTEM_PORT, SystemPort } from '../system/system.port';

/** The ERP catalogue as last read: lets order acceptance check SKUs and prices while the ERP is unreachable. */
@Entity('catalogue_products')
export class CatalogueProduct {
  @PrimaryColumn({ type: 'varchar', length: 64 }) sku: string;
  @Column({ type: 'varchar', length: 300 }) name: string;
  @Column({ type: 'integer' }) listPriceMinor: number;
  @Column({ type: 'varchar', length: 3 }) currency: string;
  @Column({ type: 'varchar', length: 30 }) seenAt: string;
}

/** Products from the ERP, remembered; the remembered copy answers only while the ERP is unavailable and knows every SKU asked. */
@Injectable()
export class Catalogue {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(SYSTEM_PORT) private readonly system: SystemPort,
  ) {}

  async products(skus: string[]): Promise<ProductView[]> {
    try {
      const products = await this.system.getProducts(skus);
      const seenAt = new Date().toISOString();
      if (products.length > 0)
        await this.uow.run((m) =>
          m.upsert(
            CatalogueProduct,
            products.map((p) => ({
              sku: p.sku,
              name: p.name.slice(0, 300),
              listPriceMinor: p.listPriceMinor,
              currency: p.currency,
              seenAt,
            })),
            ['sku'],
          ),
        );
      return products;
    } catch (e) {
      if (!isDomainError(e) || failureKindOf(e.code) !== FailureKind.TRANSIENT) throw e;
      const known = await this.uow.serialised(() => this.uow.manager.findBy(CatalogueProduct, { sku: In(skus) }));
      // A SKU never read cannot be judged unknown from here: the ERP's unavailability is the answer.
      if (skus.some((s) => !known.some((k) => k.sku === s))) throw e;
      return known.map((k) => ({ sku: k.sku, name: k.name, listPriceMinor: k.listPriceMinor, currency: k.currency }));
    }
  }
}
