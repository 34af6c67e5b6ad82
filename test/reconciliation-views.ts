/** What the reconciliation suites read back at the edge (the parts they assert on). */
export interface OrderView {
  id: string;
  state: string;
  erp: { salesOrderId: string | null; invoiceId: string | null };
}

export interface RunView {
  id: string;
  state: string;
  ordersChecked: number;
  returnsChecked: number;
  varianceCount: number;
  byType: Record<string, number>;
}

export interface VarianceView {
  id: string;
  type: string;
  state: string;
  businessKey: string;
  weftAmountMinor: number;
  erpAmountMinor: number;
  differenceMinor: number;
  weftDocuments: { kind: string; id: string; amountMinor?: number }[];
  erpDocuments: { kind: string; id: string }[];
  resolution: { by: string; note: string } | null;
  audit?: { action: string; actor: string; note: string | null }[];
}
