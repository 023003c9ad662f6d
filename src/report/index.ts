/**
 * One entry point for every report format. Each renderer is a pure function of the canonical
 * `ScanReport`: no clock, no environment, no I/O, so the same report always gives the same bytes.
 */
import type { ScanReport } from '../model/report.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';

export const REPORT_FORMATS = ['json', 'md', 'html', 'sarif'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The file each format is written to in the output directory. */
export const REPORT_FILE_NAMES: Record<ReportFormat, string> = {
  json: 'report.json',
  md: 'report.md',
  html: 'report.html',
  sarif: 'report.sarif',
};

export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

export function reportFileName(format: ReportFormat): string {
  return REPORT_FILE_NAMES[format];
}

/** The canonical JSON: the report object as is, two-space indented, with a final newline. */
export function renderJson(report: ScanReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export function renderReport(report: ScanReport, format: ReportFormat): string {
  switch (format) {
    case 'json':
      return renderJson(report);
    case 'md':
      return renderMarkdown(report);
    case 'html':
      return renderHtml(report);
    case 'sarif':
      return renderSarif(report);
    default: {
      // Reached only from untyped callers (a format string from the command line).
      const unknownFormat: never = format;
      throw new Error(`unknown report format: ${String(unknownFormat)}`);
    }
  }
}

export { renderHtml, renderMarkdown, renderSarif };
