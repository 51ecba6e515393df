/** English messages of the reports area (merged into one catalogue by ../en.ts). */
export const reports = {
};
