/** The reports of CLI.md "Reports", by the name `report NAME` takes. */
export const REPORT_NAMES = ['statement', 'attendance', 'progress', 'curator', 'teacher', 'letter', 'movement', 'activity', 'outcomes'] as const;
export type ReportName = (typeof REPORT_NAMES)[number];
