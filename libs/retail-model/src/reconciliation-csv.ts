import { VarianceDocumentDto, VarianceDto } from './reconciliation.dto';

const CSV_COLUMNS = [
  'id',
  'type',
  'state',
  'subject',
  'businessKey',
  'channel',
  'shop',
  'currency',
  'weftAmountMinor',
  'erpAmountMinor',
  'differenceMinor',
  'weftDocuments',
  'erpDocuments',
  'detail',
  'occurredAt',
  'resolvedBy',
  'resolutionNote',
] as const;

/** RFC 4180: quoted when needed, quotes doubled; a leading =+-@ is prefixed so spreadsheets do not run it. */
function cell(v: unknown): string {
  let s = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  if (/^[=+\-@]/.test(s) && !/^-?\d+$/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function variancesCsv(rows: VarianceDto[]): string {
  const docs = (d: VarianceDocumentDto[]): string => d.map((x) => `${x.kind}:${x.id}`).join(' ');
  const lines = rows.map((v) =>
    CSV_COLUMNS.map((c) => {
      if (c === 'weftDocuments' || c === 'erpDocuments') return cell(docs(v[c]));
      if (c === 'resolvedBy') return cell(v.resolution?.by);
      if (c === 'resolutionNote') return cell(v.resolution?.note);
      return cell(v[c]);
    }).join(','),
  );
  return [CSV_COLUMNS.join(','), ...lines].join('\r\n') + '\r\n';
}
